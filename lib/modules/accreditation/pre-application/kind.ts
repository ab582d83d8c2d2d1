import { defineKind } from '@/lib/platform/workflow/define';
import { preApplicationDataSchema, type StoredPreApplication } from './schemas';
import { createInstitutionAccount, sendRejection } from './services/decision-effects';

/**
 * Module A pre-application (SPEC §2): submitted by the public, verified by an
 * email link (only then staff see it), approved (an institution account is
 * created and emailed) or rejected (the reason is emailed).
 */
export const PRE_APPLICATION = 'accreditationPreApplication';

export const preApplicationKind = defineKind({
  key: PRE_APPLICATION,
  module: 'accreditation',
  messages: 'accreditation.kinds.preApplication',
  numberPrefix: 'YSQ',
  createdBy: 'public',
  schema: preApplicationDataSchema,
  initial: 'unverified',
  states: {
    unverified: { tone: 'warning', hiddenFromStaff: true, waitingFor: 'applicant' },
    pending: { tone: 'info', due: { days: 10 }, waitingFor: { staff: ['reviewer'] } },
    approved: { tone: 'success', final: true },
    rejected: { tone: 'danger', final: true },
  },
  steps: [
    { key: 'submit', states: [] },
    { key: 'verify', states: ['unverified'] },
    { key: 'review', states: ['pending'] },
    { key: 'decision', states: ['approved', 'rejected'] },
  ],
  transitions: {
    verify: { from: ['unverified'], to: 'pending', by: 'system' },
    approve: { from: ['pending'], to: 'approved', by: { staff: ['reviewer', 'admin'] }, opinion: 'optional', effects: createInstitutionAccount },
    reject: { from: ['pending'], to: 'rejected', by: { staff: ['reviewer', 'admin'] }, opinion: 'required', destructive: true, effects: sendRejection },
  },
  issueFormOn: ['approve', 'reject'],
  applicantOf: (d: StoredPreApplication) => ({ name: d.entity.name, email: d.contact.email }),
  summary: (d: StoredPreApplication, t) => [
    {
      title: t('accreditation.preApplication.sections.contact'),
      fields: [
        { label: t('accreditation.preApplication.fields.contactName'), value: d.contact.name },
        { label: t('accreditation.preApplication.fields.contactPhone'), value: d.contact.phone },
        { label: t('accreditation.preApplication.fields.contactMobile'), value: d.contact.mobile },
        { label: t('accreditation.preApplication.fields.contactEmail'), value: d.contact.email },
      ],
    },
    {
      title: t('accreditation.preApplication.sections.entity'),
      fields: [
        { label: t('accreditation.preApplication.fields.entityName'), value: d.entity.name },
        { label: t('accreditation.preApplication.fields.entityCode'), value: d.entity.code },
        { label: t('accreditation.preApplication.fields.legalRepresentative'), value: d.entity.legalRepresentative },
        { label: t('accreditation.preApplication.fields.address'), value: d.entity.address, wide: true },
        { label: t('accreditation.preApplication.fields.postalCode'), value: d.entity.postalCode },
      ],
    },
    {
      title: t('accreditation.preApplication.sections.business'),
      fields: d.businessFields.map((f) => ({ label: f.label, value: f.description, wide: true })),
    },
  ],
});
