import type { DbOrTx } from '@/db';
import type { Actor } from '@/lib/platform/auth/actor';
import { can } from '@/lib/platform/auth/permissions';
import type { DocumentSummary } from '@/lib/platform/documents/schemas';
import { listSlotDocuments } from '@/lib/platform/documents/services/list-documents';
import { kindSlot, type SlotSpec } from '@/lib/platform/documents/slots';
import { AppError } from '@/lib/platform/errors';
import { getApplicationFor, lastOpinion } from '@/lib/platform/workflow';
import { organizationProfile, type OrganizationProfile } from '../profile';
import type { StaffRequirement } from '../staff-grades';
import { EDITABLE_STATES, MATERIAL_SLOTS, QUALIFICATION_KIND, STAFF_DOCUMENTS_SLOT, variantOfKind, type MaterialSlot, type QualificationVariant } from './constants';
import { listLevels } from './levels';
import { rosterOf, type RosterPerson } from './roster';
import { chinaDay, eligibility, openQualificationApplication, qualificationOf, renewalWindowDays, targetLevels, type Refusal } from './status';

/**
 * The read model of the qualification form (the three steps: basic data and
 * level, technical staff, review materials): everything the page shows, for a
 * new application of a variant or an existing one the enterprise may still change.
 */
export type FormLevel = { id: string; name: string; rank: number; description: string; requirements: StaffRequirement[]; materials: MaterialSlot[] };
export type FormValues = { levelId: string; staff: Array<{ staffId: string; documentIds: string[] }> };

export type QualificationFormModel = {
  variant: QualificationVariant;
  kind: string;
  app: { id: string; number: string; status: string; version: number } | null;
  /** The transition the last step fires: submit (draft), amend (submitted, before 接收), resubmit (returned). */
  submitEvent: 'submit' | 'amend' | 'resubmit';
  company: OrganizationProfile | null;
  current: { levelName: string; certificateNumber: string | null; validUntil: string; reviewDueOn: string; suspended: boolean } | null;
  levels: FormLevel[];
  roster: RosterPerson[];
  values: FormValues;
  staffSlot: SlotSpec;
  staffDocuments: DocumentSummary[];
  materials: Array<{ slot: SlotSpec; documents: DocumentSummary[] }>;
  /** Why this variant cannot be submitted now (shown before the enterprise fills anything), or null. */
  refusal: Refusal | null;
  /** The association's opinion when it returned the application. */
  returnOpinion: string | null;
};

/** The stored draft as form values (a draft keeps whatever the form held: read defensively). */
export function formValuesOf(data: unknown): FormValues {
  const d = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const staff = Array.isArray(d.staff)
    ? d.staff.flatMap((p) => {
        const o = p as { staffId?: unknown; documentIds?: unknown };
        return typeof o?.staffId === 'string' ? [{ staffId: o.staffId, documentIds: Array.isArray(o.documentIds) ? o.documentIds.filter((x): x is string => typeof x === 'string') : [] }] : [];
      })
    : [];
  return { levelId: typeof d.levelId === 'string' ? d.levelId : '', staff };
}

function requireEnterprise(actor: Actor): Extract<Actor, { kind: 'organization' }> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (actor.kind !== 'organization' || !can(actor, { action: 'module.use', module: 'membership' })) throw new AppError('FORBIDDEN');
  return actor;
}

async function build(db: DbOrTx, actor: Extract<Actor, { kind: 'organization' }>, variant: QualificationVariant, app: QualificationFormModel['app'], data: unknown): Promise<QualificationFormModel> {
  const kind = QUALIFICATION_KIND[variant];
  const now = new Date();
  const [company, current, levels, roster, open, days] = await Promise.all([
    organizationProfile(db, actor.orgId),
    qualificationOf(db, actor.orgId, { now }),
    listLevels(db),
    rosterOf(db, actor.orgId),
    openQualificationApplication(db, actor.orgId, app?.id),
    renewalWindowDays(db),
  ]);
  const targets = targetLevels(variant, levels, current);
  const values = formValuesOf(data);
  // A level fixed by the variant (年审, 换证) is preselected.
  if (!values.levelId && targets.length === 1 && (variant === 'annualReview' || variant === 'renewal')) values.levelId = targets[0].id;
  const slotOf = (key: string) => kindSlot(kind, key)!;
  const docs = async (slot: string) => (app ? listSlotDocuments(db, actor, { applicationId: app.id, slot }) : []);
  return {
    variant,
    kind,
    app,
    submitEvent: app?.status === 'submitted' ? 'amend' : app?.status === 'returned' ? 'resubmit' : 'submit',
    company,
    current: current ? { levelName: current.levelName, certificateNumber: current.certificateNumber, validUntil: chinaDay(current.validUntil), reviewDueOn: current.reviewDueOn, suspended: current.status === 'suspended' } : null,
    levels: targets.map((l) => ({ id: l.id, name: l.name, rank: l.rank, description: l.description, requirements: l.requirements, materials: l.materials })),
    roster,
    values,
    staffSlot: slotOf(STAFF_DOCUMENTS_SLOT),
    staffDocuments: await docs(STAFF_DOCUMENTS_SLOT),
    materials: await Promise.all(MATERIAL_SLOTS.map(async (key) => ({ slot: slotOf(key), documents: await docs(key) }))),
    refusal: eligibility(variant, { current, levels, open, renewalWindowDays: days, now }),
    returnOpinion: app?.status === 'returned' ? await lastOpinion(db, app, 'return') : null,
  };
}

/** A new application of a variant: step 1 (nothing is stored until 下一步 creates the draft). */
export async function newQualificationForm(db: DbOrTx, actorIn: Actor, variant: QualificationVariant): Promise<QualificationFormModel> {
  return build(db, requireEnterprise(actorIn), variant, null, {});
}

/**
 * An existing application the enterprise may still change (draft, submitted
 * before 接收, returned); NOT_FOUND when it is not theirs or not a
 * qualification application, INVALID_STATE when it is no longer editable.
 */
export async function qualificationForm(db: DbOrTx, actorIn: Actor, id: string): Promise<QualificationFormModel> {
  const actor = requireEnterprise(actorIn);
  const app = await getApplicationFor(db, actor, id);
  const variant = variantOfKind(app.kind);
  if (!variant) throw new AppError('NOT_FOUND');
  if (!(EDITABLE_STATES as readonly string[]).includes(app.status)) throw new AppError('INVALID_STATE');
  return build(db, actor, variant, { id: app.id, number: app.number, status: app.status, version: app.version }, app.data);
}
