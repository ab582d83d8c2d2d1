import { and, eq, inArray, ne } from 'drizzle-orm';
import type { ZodType } from 'zod';
import { applications, organizations } from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { Actor } from '@/lib/platform/auth/actor';
import { MB } from '@/lib/platform/documents/slots';
import { AppError } from '@/lib/platform/errors';
import { noticeAcceptedAt } from '@/lib/platform/notices/forced-reading';
import { defineKind, type SummarySection } from '@/lib/platform/workflow/define';
import { admitMember, duesFor, membershipOf } from './member';
import { deliverySchema, membershipFormSchema, type MembershipData } from './schemas';

/**
 * 入会申请 (SPEC §3.2, seed 001): the enterprise reads the 入会须知 (15 s,
 * server-enforced), fills the form (prefilled from its profile), uploads its
 * business licence and submits; the association reviews (approve, return for
 * changes, reject); the enterprise chooses how it receives the certificate,
 * pays the dues of its grade by bank transfer; finance confirms; it is a
 * member with a number, a validity and a member certificate.
 */
const chinaDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

export const MEMBERSHIP_APPLICATION = 'membershipApplication';
export const MEMBERSHIP_NOTICE = 'membership.apply';

/** States in which an application is in flight (one at a time per enterprise). */
const IN_FLIGHT = ['submitted', 'returned', 'approved', 'paying'] as const;

/** Submitting: the notice was read (on the server's clock) and no other application or membership is current. */
async function submitGuard({ tx, app, actor }: { tx: DbOrTx; app: { id: string; orgId: string | null }; actor: Actor }) {
  if (!(await noticeAcceptedAt(tx, MEMBERSHIP_NOTICE, actor))) throw new AppError('BAD_INPUT', { messageKey: 'membership.errors.noticeNotAccepted' });
  if (!app.orgId) throw new AppError('FORBIDDEN');
  // One submit at a time per enterprise: the organization row is the lock.
  await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, app.orgId)).for('update');
  const [other] = await tx
    .select({ number: applications.number })
    .from(applications)
    .where(and(eq(applications.kind, MEMBERSHIP_APPLICATION), eq(applications.orgId, app.orgId), ne(applications.id, app.id), inArray(applications.status, [...IN_FLIGHT])));
  if (other) throw new AppError('CONFLICT', { messageKey: 'membership.errors.alreadyApplying', params: { number: other.number } });
  const member = await membershipOf(tx, app.orgId);
  if (member && !member.expired) throw new AppError('CONFLICT', { messageKey: 'membership.errors.alreadyMember', params: { number: member.memberNumber } });
}

export const membershipKind = defineKind({
  key: MEMBERSHIP_APPLICATION,
  module: 'membership',
  messages: 'membership.kinds.application',
  numberPrefix: 'RH',
  createdBy: 'applicant',
  schema: membershipFormSchema as unknown as ZodType<MembershipData>,
  initial: 'draft',
  slots: [{ key: 'license', label: 'membership.kinds.application.slots.license', types: ['pdf', 'jpg', 'png'], maxBytes: 10 * MB, required: true, applicantStates: ['draft', 'returned'] }],
  states: {
    draft: { tone: 'neutral', applicantEditable: true, hiddenFromStaff: true, waitingFor: 'applicant' },
    submitted: { tone: 'info', due: { days: 10 }, waitingFor: { staff: ['reviewer'] } },
    returned: { tone: 'warning', applicantEditable: true, due: { days: 15 }, waitingFor: 'applicant' },
    approved: { tone: 'info', due: { days: 15 }, waitingFor: 'applicant' },
    paying: {
      tone: 'warning',
      waitingFor: 'applicant',
      payment: { fee: ({ tx, app }) => duesFor(tx, app), item: 'orderItem', method: 'bank_transfer', on: { paid: 'settle', cancelled: 'reopen', expired: 'reopen' } },
    },
    member: { tone: 'success', final: true },
    rejected: { tone: 'danger', final: true },
    withdrawn: { tone: 'neutral', final: true },
  },
  steps: [
    { key: 'fill', states: ['draft', 'returned'] },
    { key: 'review', states: ['submitted'] },
    { key: 'delivery', states: ['approved'] },
    { key: 'pay', states: ['paying'] },
    { key: 'done', states: ['member', 'rejected', 'withdrawn'] },
  ],
  transitions: {
    submit: { from: ['draft'], to: 'submitted', by: 'applicant', takesData: true, requiredSlots: ['license'], guard: submitGuard },
    resubmit: { from: ['returned'], to: 'submitted', by: 'applicant', takesData: true, requiredSlots: ['license'], guard: submitGuard },
    withdraw: { from: ['draft', 'returned'], to: 'withdrawn', by: 'applicant', destructive: true },
    return: { from: ['submitted'], to: 'returned', by: { staff: ['reviewer', 'admin'] }, opinion: 'required' },
    approve: { from: ['submitted'], to: 'approved', by: { staff: ['reviewer', 'admin'] }, opinion: 'optional' },
    reject: { from: ['submitted'], to: 'rejected', by: { staff: ['reviewer', 'admin'] }, opinion: 'required', destructive: true },
    chooseDelivery: {
      from: ['approved'],
      to: 'paying',
      by: 'applicant',
      input: deliverySchema as unknown as ZodType<Record<string, unknown>>,
      inputKey: 'delivery',
      formPath: (app) => `/portal/membership/${app.id}/delivery`,
    },
    // Finance confirmed the transfer: member number, validity and certificate, in the payment's transaction.
    settle: { from: ['paying'], to: 'member', by: 'system', effects: ({ tx, app }) => admitMember(tx, app) },
    reopen: { from: ['paying'], to: 'approved', by: 'system' },
  },
  issueFormOn: ['approve'],
  applicantOf: (d: MembershipData) => ({ name: d.companyName, email: d.contactEmail }),
  editPath: (app) => `/portal/membership/${app.id}/edit`,
  summary: (d: MembershipData, t) => {
    const f = (k: string) => t(`membership.form.fields.${k}`);
    const sections: SummarySection[] = [
      {
        title: t('membership.form.sections.company'),
        fields: [
          { label: f('companyName'), value: d.companyName },
          { label: f('creditCode'), value: d.creditCode },
          { label: f('legalRepresentative'), value: d.legalRepresentative },
          { label: f('registeredAddress'), value: d.registeredAddress, wide: true },
          { label: f('businessScope'), value: d.businessScope, wide: true },
          { label: f('staffTotal'), value: d.staffTotal === undefined ? null : String(d.staffTotal) },
          { label: f('technicalStaff'), value: d.technicalStaff === undefined ? null : String(d.technicalStaff) },
          { label: f('grade'), value: d.grade ? t(`membership.grades.${d.grade}`) : null },
        ],
      },
      {
        title: t('membership.form.sections.contact'),
        fields: [
          { label: f('contactName'), value: d.contactName },
          { label: f('contactMobile'), value: d.contactMobile },
          { label: f('contactEmail'), value: d.contactEmail },
        ],
      },
    ];
    if (d.delivery) {
      const g = (k: string) => t(`membership.delivery.${k}`);
      sections.push({
        title: g('title'),
        fields: [
          { label: g('method'), value: g(`methods.${d.delivery.method}`) },
          ...(d.delivery.method === 'mail'
            ? [
                { label: g('recipient'), value: d.delivery.recipient ?? null },
                { label: g('phone'), value: d.delivery.phone ?? null },
                { label: g('address'), value: d.delivery.address ?? null, wide: true },
              ]
            : []),
        ],
      });
    }
    if (d.member) {
      const m = (k: string) => t(`membership.member.${k}`);
      sections.push({
        title: m('title'),
        fields: [
          { label: m('number'), value: d.member.number },
          { label: m('certificateNumber'), value: d.member.certificateNumber },
          { label: m('validUntil'), value: d.member.validUntil ? chinaDay(new Date(d.member.validUntil)) : m('noExpiry') },
        ],
      });
    }
    return sections;
  },
});
