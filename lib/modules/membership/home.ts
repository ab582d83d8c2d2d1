import { and, desc, eq } from 'drizzle-orm';
import { certificates } from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { HomePanel, PortalHome } from '@/lib/platform/manifest';
import { myApplications } from '@/lib/platform/workflow';
import { CERTIFICATE_LOSS } from './certificate-loss/constants';
import { changesPanelLinks } from './changes';
import { FILING, FILING_CERTIFICATE } from './filing/constants';
import { INFO_CHANGE } from './info-change/constants';
import { overdueHomePanels } from './overdue';
import { qualificationPanel } from './qualification/queries';
import { membershipStatus } from './queries';
import { canUseRoster } from './staff/access';

const chinaDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

/** States in which a change application (信息变更, 证书补办, 备案) is still the enterprise's or the association's to act on. */
const CHANGE_OPEN = ['draft', 'submitted', 'returned'];

/** 入会: the membership (number and validity) when the enterprise is a member, the application in flight, 申请入会 when it has neither. */
async function membershipPanel(ctx: Parameters<PortalHome>[0]): Promise<HomePanel> {
  const { db, actor, t } = ctx;
  const { member, open, applications } = await membershipStatus(db, actor);
  const current = member && !member.expired ? member : null;
  return {
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
  };
}

/** The enterprise's valid filing certificates (外省企业备案证明). */
async function filingsOf(db: DbOrTx, orgId: string) {
  return db
    .select({ number: certificates.number, validUntil: certificates.validUntil })
    .from(certificates)
    .where(and(eq(certificates.holderOrgId, orgId), eq(certificates.type, FILING_CERTIFICATE), eq(certificates.status, 'valid')))
    .orderBy(desc(certificates.issuedAt));
}

/**
 * 其他业务: the filing the enterprise holds, its change applications in flight
 * (信息变更, 证书补办, 外省企业备案) and the entries of every other flow of the
 * module (技术人员, 培训报名 and the change flows).
 */
async function otherServicesPanel(ctx: Parameters<PortalHome>[0]): Promise<HomePanel> {
  const { db, actor, t } = ctx;
  if (actor.kind !== 'organization') return { title: t('membership.home.other') };
  const [filings, apps] = await Promise.all([filingsOf(db, actor.orgId), myApplications(db, actor, { module: 'membership' })]);
  const now = Date.now();
  const inFlight = apps.filter((a) => [INFO_CHANGE, CERTIFICATE_LOSS, FILING].includes(a.kind) && CHANGE_OPEN.includes(a.status));
  return {
    title: t('membership.home.other'),
    holdings: {
      title: t('membership.home.filing'),
      empty: t('membership.home.noFiling'),
      items: filings.map((f) => ({
        label: t('membership.home.filingNumber', { number: f.number }),
        detail: f.validUntil ? t('membership.home.validUntil', { date: chinaDay(f.validUntil) }) : undefined,
        tone: f.validUntil && f.validUntil.getTime() < now ? ('warning' as const) : ('success' as const),
      })),
    },
    applications: inFlight.length ? { title: t('membership.home.otherApplications'), items: inFlight.map((a) => ({ id: a.id, number: a.number, kind: a.kind, status: a.status })) } : undefined,
    links: [
      ...(canUseRoster(actor)
        ? [
            { href: '/portal/membership/staff', label: t('membershipStaff.nav.roster'), description: t('membership.home.rosterHint') },
            { href: '/portal/membership/training', label: t('membershipStaff.nav.training'), description: t('membership.home.trainingHint') },
          ]
        : []),
      ...changesPanelLinks(t),
    ],
    testId: 'membership-other',
  };
}

/**
 * Module B's portal home (企业会员与资质): first what needs the enterprise's
 * attention (an overdue annual review's warning or suspension), then what it
 * holds and what it can do next — membership, qualification, filing — with
 * each application in flight and an entry for every flow.
 */
export const membershipHome: PortalHome = async (ctx) => {
  if (ctx.actor.kind !== 'organization') return [];
  const [overdue, membership, qualification, other] = await Promise.all([overdueHomePanels(ctx), membershipPanel(ctx), qualificationPanel(ctx.db, ctx.actor, ctx.t), otherServicesPanel(ctx)]);
  return [...overdue, membership, qualification, other];
};

