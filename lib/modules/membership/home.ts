import type { PortalHome } from '@/lib/platform/manifest';
import { membershipStatus } from './queries';

const chinaDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

/**
 * Module B in the portal: the membership (number and validity) when the
 * enterprise is a member, the application in flight with its state, and
 * 申请入会 when it has neither.
 */
export const membershipHome: PortalHome = async ({ db, actor, t }) => {
  if (actor.kind !== 'organization') return [];
  const { member, open, applications } = await membershipStatus(db, actor);
  const current = member && !member.expired ? member : null;
  return [
    {
      title: t('membership.home.title'),
      action: current || open ? undefined : { href: '/portal/membership/apply', label: t('membership.home.apply') },
      holdings: {
        title: t('membership.home.membership'),
        empty: t('membership.home.notMember'),
        items: member
          ? [
              {
                label: t('membership.home.memberNumber', { number: member.memberNumber }),
                detail: [member.grade, member.validUntil ? t('membership.home.validUntil', { date: chinaDay(member.validUntil) }) : ''].filter(Boolean).join(' · '),
                tone: member.expired ? ('warning' as const) : ('success' as const),
              },
            ]
          : [],
      },
      applications: applications.length ? { title: t('membership.home.applications'), items: applications } : undefined,
      testId: 'membership-home',
    },
  ];
};
