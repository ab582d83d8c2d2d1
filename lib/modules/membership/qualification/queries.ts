import type { Db, DbOrTx } from '@/db';
import type { Actor } from '@/lib/platform/auth/actor';
import { can } from '@/lib/platform/auth/permissions';
import type { HomePanel } from '@/lib/platform/manifest';
import { myApplications } from '@/lib/platform/workflow';
import {
  EDITABLE_STATES,
  QUALIFICATION_HOME,
  QUALIFICATION_VARIANTS,
  qualificationEditPath,
  qualificationNewPath,
  variantOfKind,
  type QualificationVariant,
} from './constants';
import { listLevels } from './levels';
import { chinaDay, eligibility, openQualificationApplication, qualificationOf, renewalOpensAt, renewalWindowDays, type CurrentQualification, type Refusal } from './status';

/** Read models of the enterprise's qualification pages. */

export type QualificationApplicationItem = { id: string; number: string; kind: string; variant: QualificationVariant; status: string; updatedAt: Date; href: string };

export type QualificationEntry = {
  variant: QualificationVariant;
  /** Where the entry leads: the draft of this kind to continue, or a new application. */
  href: string;
  draft: { id: string; number: string } | null;
  /** Why it cannot be submitted now (the same rule the submit applies), or null. */
  refusal: Refusal | null;
};

export type QualificationOverview = {
  current: CurrentQualification | null;
  renewalOpensOn: string | null;
  entries: QualificationEntry[];
  /** The enterprise's qualification applications, newest first. */
  applications: QualificationApplicationItem[];
};

const usesModule = (actor: Actor): actor is Extract<Actor, { kind: 'organization' }> => actor.kind === 'organization' && can(actor, { action: 'module.use', module: 'membership' });

/** The applicant's link to an application: the form while it is theirs to change, its page otherwise. */
const hrefOf = (a: { id: string; status: string }) => ((EDITABLE_STATES as readonly string[]).includes(a.status) && a.status !== 'submitted' ? qualificationEditPath(a.id) : `/portal/applications/${a.id}`);

export async function qualificationApplications(db: DbOrTx, actor: Actor): Promise<QualificationApplicationItem[]> {
  if (!usesModule(actor)) return [];
  const apps = await myApplications(db, actor, { module: 'membership', limit: 200 });
  return apps.flatMap((a) => {
    const variant = variantOfKind(a.kind);
    return variant ? [{ id: a.id, number: a.number, kind: a.kind, variant, status: a.status, updatedAt: a.updatedAt, href: hrefOf(a) }] : [];
  });
}

/** What the enterprise holds, what it may apply for now (or why not), and its applications. */
export async function qualificationOverview(db: DbOrTx, actor: Actor, now = new Date()): Promise<QualificationOverview> {
  if (!usesModule(actor)) return { current: null, renewalOpensOn: null, entries: [], applications: [] };
  const [current, levels, open, days, apps] = await Promise.all([
    qualificationOf(db, actor.orgId, { now }),
    listLevels(db),
    openQualificationApplication(db, actor.orgId),
    renewalWindowDays(db),
    qualificationApplications(db, actor),
  ]);
  const entries = QUALIFICATION_VARIANTS.map((variant) => {
    const draft = apps.find((a) => a.variant === variant && a.status === 'draft') ?? null;
    return {
      variant,
      href: draft ? qualificationEditPath(draft.id) : qualificationNewPath(variant),
      draft: draft ? { id: draft.id, number: draft.number } : null,
      refusal: eligibility(variant, { current, levels, open, renewalWindowDays: days, now }),
    };
  });
  return { current, renewalOpensOn: current ? chinaDay(renewalOpensAt(current.validUntil, days)) : null, entries, applications: apps };
}

type T = (key: string, values?: Record<string, string | number>) => string;

/**
 * Module B's home panel for qualifications (the integrator puts it on module
 * B's portal home): the qualification held (level, certificate, validity,
 * next annual review), the applications in flight, and the way to the
 * qualification page.
 */
export async function qualificationPanel(db: Db | DbOrTx, actor: Actor, t: T): Promise<HomePanel> {
  const { current, applications: apps } = await qualificationOverview(db, actor);
  const inFlight = apps.filter((a) => !['approved', 'rejected', 'withdrawn'].includes(a.status));
  return {
    title: t('qualification.home.title'),
    action: { href: QUALIFICATION_HOME, label: current ? t('qualification.home.manage') : t('qualification.home.apply') },
    holdings: {
      title: t('qualification.home.holding'),
      empty: t('qualification.home.none'),
      items: current
        ? [
            {
              label: t('qualification.home.level', { level: current.levelName }),
              detail: [
                current.certificateNumber ? t('qualification.home.certificate', { number: current.certificateNumber }) : '',
                t('qualification.home.validUntil', { date: chinaDay(current.validUntil) }),
                t('qualification.home.reviewDue', { date: current.reviewDueOn }),
              ]
                .filter(Boolean)
                .join(' · '),
              tone: current.status === 'suspended' || current.expired ? ('warning' as const) : ('success' as const),
            },
          ]
        : [],
    },
    applications: inFlight.length ? { title: t('qualification.home.applications'), items: inFlight.map((a) => ({ id: a.id, number: a.number, kind: a.kind, status: a.status, href: a.href })) } : undefined,
    testId: 'qualification-home',
  };
}
