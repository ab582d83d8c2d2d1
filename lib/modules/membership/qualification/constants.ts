/**
 * Module B qualifications (SPEC §3.4–3.5, seed 001 资质申请 / 年审 / 晋级 / 降级 /
 * 到期换证): the names shared by the server, the pages and the browser forms.
 * Pure data: client components import this file.
 */

/** The five qualification kinds: one factory (kinds.ts), one shape. */
export const QUALIFICATION_VARIANTS = ['apply', 'annualReview', 'upgrade', 'downgrade', 'renewal'] as const;
export type QualificationVariant = (typeof QUALIFICATION_VARIANTS)[number];

export const isQualificationVariant = (v: unknown): v is QualificationVariant => typeof v === 'string' && (QUALIFICATION_VARIANTS as readonly string[]).includes(v);

/** The engine kind key of each variant (qualificationApply, qualificationAnnualReview …). */
export const QUALIFICATION_KIND: Record<QualificationVariant, string> = {
  apply: 'qualificationApply',
  annualReview: 'qualificationAnnualReview',
  upgrade: 'qualificationUpgrade',
  downgrade: 'qualificationDowngrade',
  renewal: 'qualificationRenewal',
};

export const QUALIFICATION_KINDS: readonly string[] = Object.values(QUALIFICATION_KIND);

export function variantOfKind(kind: string): QualificationVariant | null {
  return QUALIFICATION_VARIANTS.find((v) => QUALIFICATION_KIND[v] === kind) ?? null;
}

/** The per-person documents of the attached technical staff (which file is whose is recorded in the data). */
export const STAFF_DOCUMENTS_SLOT = 'staff_documents';

/** The review materials (评审材料) a level may require: slots of every qualification kind. */
export const MATERIAL_SLOTS = ['application_form', 'business_license', 'staff_certificates', 'management_system', 'other_materials'] as const;
export type MaterialSlot = (typeof MATERIAL_SLOTS)[number];

export const isMaterialSlot = (v: unknown): v is MaterialSlot => typeof v === 'string' && (MATERIAL_SLOTS as readonly string[]).includes(v);

/** The label key of a slot (shared by the five kinds). */
export const slotLabelKey = (slot: string) => `qualification.slots.${slot}`;

/** States in which an application of these kinds is open (one at a time per enterprise). */
export const OPEN_STATES = ['submitted', 'received', 'returned'] as const;
/** States the enterprise may still change the application in (drafts included). */
export const EDITABLE_STATES = ['draft', 'submitted', 'returned'] as const;

/** The certificate type of the qualification certificate in the platform registry (numbers ZZ<yyyy><seq:6>). */
export const QUALIFICATION_CERTIFICATE = 'membership.qualification';

/** Site setting: how many days before expiry 到期换证 opens. */
export const RENEWAL_WINDOW_SETTING = 'qualification.renewalWindowDays';
export const RENEWAL_WINDOW_DEFAULT = 90;

/** Where the enterprise fills an application of a variant. */
export const qualificationEditPath = (id: string, step?: number) => `/portal/membership/qualification/${id}/edit${step ? `?step=${step}` : ''}`;
export const qualificationNewPath = (variant: QualificationVariant) => `/portal/membership/qualification/new/${variant}`;
export const QUALIFICATION_HOME = '/portal/membership/qualification';
/** 信息变更 (module B's info change, built elsewhere): where the company's basic data is changed. */
export const INFO_CHANGE_PATH = '/portal/membership/info-change';
