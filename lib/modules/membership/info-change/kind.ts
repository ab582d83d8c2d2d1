import { and, eq, inArray, ne } from 'drizzle-orm';
import type { ZodType } from 'zod';
import { applications, certificates, organizations, users, type Application } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { audit } from '@/lib/platform/audit';
import type { Actor } from '@/lib/platform/auth/actor';
import { MB } from '@/lib/platform/documents/slots';
import { AppError, isUniqueViolation } from '@/lib/platform/errors';
import { defineKind, type SummarySection } from '@/lib/platform/workflow/define';
import { chinaDateTime, hasCurrentDocument } from '../changes/helpers';
import { creditCodeHolder, diffAgainst, displayValue, registeredProfile } from './profile';
import { infoChangeFormSchema, PROFILE_FIELDS, REGISTERED_FIELDS, type FieldChange, type InfoChangeData } from './schemas';
import { INFO_CHANGE, INFO_CHANGE_SLOT } from './constants';
import { specificRegionRule, withRegionChecks } from '@/lib/reference/region-checks';

export { INFO_CHANGE, INFO_CHANGE_SLOT };

/**
 * 信息变更 (SPEC §3.6, seed 001 十): the enterprise proposes new values for
 * the profile fields that changed, with a reason and (for registration data)
 * the licence after the change; a module-B reviewer approves, returns with an
 * opinion or rejects; on approval the new values are written to the
 * organization in the transition's transaction, the values they replaced kept
 * in the application. Certificates already issued are not rewritten.
 */

/** States of an info change that is in flight (one at a time per enterprise). */
export const INFO_CHANGE_IN_FLIGHT = ['submitted', 'returned'] as const;

const CREDIT_CODE_CONSTRAINT = 'organizations_creditCode_unique';

const creditCodeTaken = (code: string) => new AppError('CONFLICT', { messageKey: 'membershipChanges.errors.creditCodeTaken', params: { code }, fieldErrors: { 'changes.creditCode': ['membershipChanges.errors.creditCodeTakenField'] } });

/** Submitting: one info change in flight per enterprise (the organization row is the lock), the licence when registration data changes. */
async function submitGuard({ tx, app }: { tx: DbOrTx; app: Application & { data: InfoChangeData }; actor: Actor }) {
  if (!app.orgId) throw new AppError('FORBIDDEN');
  await registeredProfile(tx, app.orgId, { lock: true });
  const [other] = await tx
    .select({ number: applications.number })
    .from(applications)
    .where(and(eq(applications.kind, INFO_CHANGE), eq(applications.orgId, app.orgId), ne(applications.id, app.id), inArray(applications.status, [...INFO_CHANGE_IN_FLIGHT])));
  if (other) throw new AppError('CONFLICT', { messageKey: 'membershipChanges.errors.infoChangeOpen', params: { number: other.number } });
  const registered = (app.data.diff ?? []).some((c) => REGISTERED_FIELDS.includes(c.field));
  if (registered && !(await hasCurrentDocument(tx, app.id, INFO_CHANGE_SLOT))) throw new AppError('BAD_INPUT', { messageKey: 'membershipChanges.errors.licenceRequired' });
}

/**
 * Approved: the changes are written to the organization (locked), against its
 * values of this moment; a credit code another organization took meanwhile is
 * refused (and the unique constraint holds under a race). The replaced values
 * and the certificates left as issued are written into the application.
 */
export async function applyInfoChange(tx: DbOrTx, app: Application & { data: InfoChangeData }, actor: Actor): Promise<void> {
  if (!app.orgId) throw new AppError('INTERNAL', { detail: 'info change without an organization' });
  const profile = await registeredProfile(tx, app.orgId, { lock: true });
  if (!profile) throw new AppError('NOT_FOUND');
  const diff = diffAgainst(profile, app.data.changes ?? {});
  const code = diff.find((c) => c.field === 'creditCode')?.after;
  if (code && (await creditCodeHolder(tx, code, app.orgId))) throw creditCodeTaken(code);
  const now = new Date();
  if (diff.length) {
    const set = Object.fromEntries(diff.map((c) => [c.field, c.after]));
    try {
      await tx
        .update(organizations)
        .set({ ...set, updatedAt: now })
        .where(eq(organizations.id, app.orgId));
    } catch (e) {
      if (code && isUniqueViolation(e, CREDIT_CODE_CONSTRAINT)) throw creditCodeTaken(code);
      throw e;
    }
  }
  // The main account is shown under the organization's name: it follows a change of name.
  const name = diff.find((c) => c.field === 'name');
  if (name?.before && name.after) {
    await tx
      .update(users)
      .set({ name: name.after, updatedAt: now })
      .where(and(eq(users.orgId, app.orgId), eq(users.isOrgMain, true), eq(users.name, name.before)));
  }
  // Certificates issued before the change keep what they say; later ones use the new data.
  const kept = await tx
    .select({ number: certificates.number })
    .from(certificates)
    .where(and(eq(certificates.holderOrgId, app.orgId), eq(certificates.status, 'valid')));
  const applied = { at: now.toISOString(), diff, certificatesKept: kept.map((k) => k.number).sort() };
  await tx
    .update(applications)
    .set({ data: { ...app.data, applied } })
    .where(eq(applications.id, app.id));
  await audit(tx, {
    action: 'organization.info_changed',
    actorId: actor.kind === 'staff' ? actor.id : null,
    targetType: 'organization',
    targetId: app.orgId,
    detail: { application: app.number, changes: diff },
  });
}

const asChange = (c: FieldChange, f: (k: string) => string) => ({ label: f(c.field), value: displayValue(c.field, c.after), change: { before: displayValue(c.field, c.before) } });

export const infoChangeKind = defineKind({
  key: INFO_CHANGE,
  module: 'membership',
  messages: 'membershipChanges.kinds.infoChange',
  numberPrefix: 'XXBG',
  createdBy: 'applicant',
  // The shared schema checks the region code's shape; the server also checks that it exists.
  schema: withRegionChecks(infoChangeFormSchema, [specificRegionRule(['changes', 'regionCode'])]) as unknown as ZodType<InfoChangeData>,
  initial: 'draft',
  slots: [{ key: INFO_CHANGE_SLOT, label: 'membershipChanges.kinds.infoChange.slots.supporting_document', types: ['pdf', 'jpg', 'png'], maxBytes: 10 * MB, required: false, applicantStates: ['draft', 'returned'] }],
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
    { key: 'done', states: ['approved', 'rejected', 'withdrawn'] },
  ],
  transitions: {
    submit: { from: ['draft'], to: 'submitted', by: 'applicant', takesData: true, guard: submitGuard },
    resubmit: { from: ['returned'], to: 'submitted', by: 'applicant', takesData: true, guard: submitGuard },
    withdraw: { from: ['draft', 'returned', 'submitted'], to: 'withdrawn', by: 'applicant', destructive: true },
    return: { from: ['submitted'], to: 'returned', by: { staff: ['reviewer', 'admin'] }, opinion: 'required' },
    approve: { from: ['submitted'], to: 'approved', by: { staff: ['reviewer', 'admin'] }, opinion: 'optional', effects: ({ tx, app, actor }) => applyInfoChange(tx, app, actor) },
    reject: { from: ['submitted'], to: 'rejected', by: { staff: ['reviewer', 'admin'] }, opinion: 'required', destructive: true },
  },
  // Only the fields that really differ from the profile are kept, with their values before; nothing changed is refused.
  prepareData: async ({ tx, data, actor }) => {
    if (actor.kind !== 'organization') throw new AppError('FORBIDDEN');
    const profile = await registeredProfile(tx, actor.orgId);
    if (!profile) throw new AppError('NOT_FOUND');
    const diff = diffAgainst(profile, data.changes);
    if (diff.length === 0) throw new AppError('BAD_INPUT', { messageKey: 'membershipChanges.errors.nothingChanged', fieldErrors: { changes: ['membershipChanges.errors.nothingChanged'] } });
    const code = diff.find((c) => c.field === 'creditCode')?.after;
    if (code && (await creditCodeHolder(tx, code, actor.orgId))) throw creditCodeTaken(code);
    const changes = Object.fromEntries(diff.map((c) => [c.field, data.changes[c.field]])) as InfoChangeData['changes'];
    return { changes, reason: data.reason, diff };
  },
  issueFormOn: ['approve'],
  applicantOf: () => ({ name: '' }),
  editPath: (app) => `/portal/membership/info-change/${app.id}/edit`,
  summary: (d: InfoChangeData, t) => {
    const f = (k: string) => t(`membershipChanges.infoChange.fields.${k}`);
    const s = (k: string) => t(`membershipChanges.infoChange.summary.${k}`);
    const applied = d.applied?.diff?.length ? d.applied.diff : null;
    const diff = applied ?? (Array.isArray(d.diff) ? d.diff : null);
    const changes = d.changes && typeof d.changes === 'object' ? d.changes : {};
    const sections: SummarySection[] = [
      {
        title: s('changes'),
        // Before a submit the values before are not known yet: the proposed values alone.
        fields: diff
          ? diff.map((c) => asChange(c, f))
          : PROFILE_FIELDS.filter((k) => changes[k] !== undefined).map((k) => ({ label: f(k), value: displayValue(k, changes[k] ?? null) })),
      },
      { title: s('reason'), fields: [{ label: s('reason'), value: d.reason, wide: true }] },
    ];
    if (d.applied) {
      sections.push({
        title: s('result'),
        fields: [
          { label: s('appliedAt'), value: chinaDateTime(new Date(d.applied.at)) },
          { label: s('certificates'), value: d.applied.certificatesKept.length ? `${s('certificatesKept')}${d.applied.certificatesKept.join('、')}` : s('noCertificates'), wide: true },
        ],
      });
    } else if (diff?.some((c) => c.field === 'name' || c.field === 'creditCode')) {
      sections.push({ title: s('result'), fields: [{ label: s('certificates'), value: s('certificatesNote'), wide: true }] });
    }
    return sections;
  },
});
