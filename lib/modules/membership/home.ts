import type { PortalHome } from '@/lib/platform/manifest';
import { myApplications } from '@/lib/platform/workflow';
import { MEMBERSHIP_APPLICATION } from './kind';
import { membershipOf } from './member';

const OPEN = ['draft', 'submitted', 'returned', 'approved', 'paying'];
const chinaDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

/**
 * Module B in the portal: the membership (number and validity) when the
 * enterprise is a member, the application in flight with its state, and
 * 申请入会 when it has neither.
 */
export const membershipHome: PortalHome = async ({ db, actor, t }) => {
  if (actor.kind !== 'organization') return [];
  const [member, apps] = await Promise.all([membershipOf(db, actor.orgId), myApplications(db, actor, { module: 'membership' })]);
  const mine = apps.filter((a) => a.kind === MEMBERSHIP_APPLICATION);
  const open = mine.find((a) => OPEN.includes(a.status));
  const current = member && !member.expired ? member : null;
  const action = current || open ? undefined : { href: '/portal/membership/apply', label: t('membership.home.apply') };
  return [
    {
      title: t('membership.home.title'),
      action,
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
      applications: mine.length ? { title: t('membership.home.applications'), items: mine.map((a) => ({ id: a.id, number: a.number, kind: a.kind, status: a.status })) } : undefined,
      testId: 'membership-home',
    },
  ];
};
