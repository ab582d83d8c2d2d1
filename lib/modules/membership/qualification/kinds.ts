import type { ZodType } from 'zod';
import { MB } from '@/lib/platform/documents/slots';
import { defineKind, type KindSlot } from '@/lib/platform/workflow/define';
import { MATERIAL_SLOTS, QUALIFICATION_KIND, STAFF_DOCUMENTS_SLOT, qualificationEditPath, slotLabelKey, type MaterialSlot, type QualificationVariant } from './constants';
import { grantQualification } from './grant';
import { prepareQualification } from './prepare';
import { qualificationFormSchema, type QualificationData } from './schemas';
import { qualificationSummary } from './summary';

/**
 * The five qualification kinds (SPEC §3.4–3.5, seed 001): 资质申请, 年审, 晋级,
 * 降级, 到期换证 — one factory, so they share states, steps, slots, form and
 * pages; a variant differs only in its name, number prefix, which levels it
 * may target and what its approval does (prepare.ts, grant.ts).
 *
 * The enterprise may change what it submitted until the association marks
 * the materials received (接收): in `submitted` it amends (a submit with
 * data, the slots writable); `received` locks data and slots; a return makes
 * it editable again.
 */
const ENTERPRISE_STATES = ['draft', 'submitted', 'returned'] as const;
const REVIEWERS = { staff: ['reviewer', 'admin'] } as const;

type EnterpriseState = (typeof ENTERPRISE_STATES)[number];

const materialSlot = (key: MaterialSlot): KindSlot<EnterpriseState> => ({
  key,
  label: slotLabelKey(key),
  // Stamped forms and system documents are scanned PDFs; the rest may be photos too.
  types: key === 'application_form' || key === 'management_system' ? ['pdf'] : ['pdf', 'jpg', 'png'],
  maxBytes: 20 * MB,
  // Which are required is the target level's choice (checked on submit, prepare.ts).
  required: false,
  multiple: key !== 'application_form' && key !== 'business_license',
  applicantStates: ENTERPRISE_STATES,
});

const slots: KindSlot<EnterpriseState>[] = [
  // Which file is whose is recorded in the data (staff[].documentIds): uploaded from the form's staff step only.
  { key: STAFF_DOCUMENTS_SLOT, label: slotLabelKey(STAFF_DOCUMENTS_SLOT), types: ['pdf', 'jpg', 'png'], maxBytes: 10 * MB, required: false, multiple: true, formOnly: true, applicantStates: ENTERPRISE_STATES },
  ...MATERIAL_SLOTS.map(materialSlot),
];

const PREFIX: Record<QualificationVariant, string> = { apply: 'ZZSQ', annualReview: 'ZZNS', upgrade: 'ZZJJ', downgrade: 'ZZJD', renewal: 'ZZHZ' };

export function qualificationKind(variant: QualificationVariant) {
  const submitted = { by: 'applicant', to: 'submitted', takesData: true } as const;
  return defineKind({
    key: QUALIFICATION_KIND[variant],
    module: 'membership',
    messages: `qualification.kinds.${variant}`,
    sharedMessages: 'qualification.kinds.shared',
    numberPrefix: PREFIX[variant],
    createdBy: 'applicant',
    schema: qualificationFormSchema as unknown as ZodType<QualificationData>,
    initial: 'draft',
    slots,
    states: {
      draft: { tone: 'neutral', applicantEditable: true, hiddenFromStaff: true, waitingFor: 'applicant' },
      // Still the enterprise's to change (amend), until received.
      submitted: { tone: 'info', due: { days: 5 }, waitingFor: { staff: ['reviewer'] } },
      received: { tone: 'info', due: { days: 20 }, waitingFor: { staff: ['reviewer'] } },
      returned: { tone: 'warning', applicantEditable: true, due: { days: 15 }, waitingFor: 'applicant' },
      approved: { tone: 'success', final: true },
      rejected: { tone: 'danger', final: true },
      withdrawn: { tone: 'neutral', final: true },
    },
    steps: [
      { key: 'fill', states: ['draft', 'returned'] },
      { key: 'submitted', states: ['submitted'] },
      { key: 'review', states: ['received'] },
      { key: 'done', states: ['approved', 'rejected', 'withdrawn'] },
    ],
    transitions: {
      submit: { ...submitted, from: ['draft'] },
      // 修改资料: the enterprise changes what it submitted, before 接收.
      amend: { ...submitted, from: ['submitted'], formPath: (app) => qualificationEditPath(app.id) },
      resubmit: { ...submitted, from: ['returned'] },
      withdraw: { from: ['draft', 'submitted', 'returned'], to: 'withdrawn', by: 'applicant', destructive: true },
      receive: { from: ['submitted'], to: 'received', by: REVIEWERS, opinion: 'optional' },
      return: { from: ['submitted', 'received'], to: 'returned', by: REVIEWERS, opinion: 'required' },
      approve: { from: ['received'], to: 'approved', by: REVIEWERS, opinion: 'optional', effects: (ctx) => grantQualification(variant, ctx) },
      reject: { from: ['submitted', 'received'], to: 'rejected', by: REVIEWERS, opinion: 'required', destructive: true },
    },
    prepareData: (ctx) => prepareQualification(variant, ctx),
    applicantOf: (d: QualificationData) => ({ name: d.company?.name ?? '', email: d.company?.email ?? null }),
    editPath: (app) => qualificationEditPath(app.id),
    summary: (d: QualificationData, t) => qualificationSummary(variant, d, t),
  });
}

export const qualificationKinds = {
  apply: qualificationKind('apply'),
  annualReview: qualificationKind('annualReview'),
  upgrade: qualificationKind('upgrade'),
  downgrade: qualificationKind('downgrade'),
  renewal: qualificationKind('renewal'),
} satisfies Record<QualificationVariant, unknown>;

export const QUALIFICATION_KIND_DEFS = Object.values(qualificationKinds);
