import { MB } from '@/lib/platform/documents/slots';
import { AppError } from '@/lib/platform/errors';
import { getSetting } from '@/lib/platform/settings';
import { defineKind } from '@/lib/platform/workflow/define';
import { fieldChangeFormSchema, type FieldChangeData } from './schemas';
import { heldFields } from './services/held-fields';

/**
 * 业务领域变更: drafted and submitted by an accredited institution's account,
 * reviewed like a pre-application; staff may return it for changes, the
 * institution edits and resubmits, or withdraws. Approved fields join its profile.
 */
export const FIELD_CHANGE = 'accreditationFieldChange';

export const fieldChangeKind = defineKind({
  key: FIELD_CHANGE,
  module: 'accreditation',
  messages: 'accreditation.kinds.fieldChange',
  numberPrefix: 'LYBG',
  createdBy: 'applicant',
  schema: fieldChangeFormSchema as unknown as import('zod').ZodType<FieldChangeData>,
  initial: 'draft',
  // Supporting documents for the fields asked for, changeable while the institution drafts or revises.
  slots: [{ key: 'supporting_document', label: 'accreditation.kinds.fieldChange.slots.supporting', types: ['pdf', 'jpg', 'png'], maxBytes: 10 * MB, required: false, applicantStates: ['draft', 'returned'] }],
  states: {
    draft: { tone: 'neutral', applicantEditable: true, hiddenFromStaff: true, waitingFor: 'applicant' },
    submitted: { tone: 'info', due: { days: 10 }, waitingFor: { staff: ['reviewer'] } },
    returned: { tone: 'warning', applicantEditable: true, due: { days: 15 }, waitingFor: 'applicant' },
    approved: { tone: 'success', final: true },
    rejected: { tone: 'danger', final: true },
    withdrawn: { tone: 'neutral', final: true },
  },
  steps: [
    { key: 'fill', states: ['draft', 'returned'] },
    { key: 'review', states: ['submitted'] },
    { key: 'decision', states: ['approved', 'rejected', 'withdrawn'] },
  ],
  transitions: {
    submit: { from: ['draft'], to: 'submitted', by: 'applicant', takesData: true },
    resubmit: { from: ['returned'], to: 'submitted', by: 'applicant', takesData: true },
    withdraw: { from: ['draft', 'returned', 'submitted'], to: 'withdrawn', by: 'applicant', destructive: true },
    return: { from: ['submitted'], to: 'returned', by: { staff: ['reviewer', 'admin'] }, opinion: 'required' },
    approve: { from: ['submitted'], to: 'approved', by: { staff: ['reviewer', 'admin'] }, opinion: 'optional' },
    reject: { from: ['submitted'], to: 'rejected', by: { staff: ['reviewer', 'admin'] }, opinion: 'required', destructive: true },
  },
  // Labels from the configured list; fields the institution already holds are refused.
  prepareData: async ({ tx, data, actor }) => {
    const configured = await getSetting<Array<{ key: string; label: string }>>(tx, 'accreditation.businessFields');
    const held = actor.kind === 'organization' ? await heldFields(tx, actor.orgId) : [];
    const errors: Record<string, string[]> = {};
    for (const f of data.businessFields) {
      if (!configured.some((c) => c.key === f.key)) errors.businessFields = ['accreditation.errors.unknownField'];
      else if (held.some((h) => h.key === f.key)) errors[`businessFields.${f.key}.description`] = ['accreditation.errors.fieldHeld'];
    }
    if (Object.keys(errors).length) throw new AppError('BAD_INPUT', { fieldErrors: errors });
    return { ...data, businessFields: data.businessFields.map((f) => ({ ...f, label: configured.find((c) => c.key === f.key)!.label })) };
  },
  issueFormOn: ['approve', 'reject'],
  applicantOf: () => ({ name: '' }),
  editPath: (app) => `/portal/field-change/${app.id}`,
  summary: (d: FieldChangeData, t) => [
    {
      title: t('accreditation.fieldChange.sections.fields'),
      fields: (Array.isArray(d.businessFields) ? d.businessFields : []).map((f) => ({ label: f.label ?? f.key, value: f.description, wide: true })),
    },
    { title: t('accreditation.fieldChange.sections.reason'), fields: [{ label: t('accreditation.fieldChange.reason'), value: d.reason, wide: true }] },
  ],
});
