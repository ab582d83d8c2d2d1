import { and, eq, inArray, ne } from 'drizzle-orm';
import type { ZodType } from 'zod';
import { applications, certificates, users, type Application, type Certificate } from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { AppLocale } from '@/i18n/config';
import type { Actor } from '@/lib/platform/auth/actor';
import { replaceCertificate, SYSTEM } from '@/lib/platform/certificates';
import { MB } from '@/lib/platform/documents/slots';
import { sendEmail, WorkflowStatusEmail, workflowStatusSubject } from '@/lib/platform/email';
import { AppError } from '@/lib/platform/errors';
import type { Storage } from '@/lib/platform/storage';
import { defineKind, type KindSlot, type SummarySection } from '@/lib/platform/workflow/define';
import { kindLabels } from '@/lib/platform/workflow/labels';
import { findIdType } from '@/lib/reference/id-types';
import { PERSONNEL_CERTIFICATE, type PersonnelCertificateSubject } from '../certificates';
import { chinaToday } from '../enrollment/schemas';
import { renderPersonnelForm } from '../enrollment/form-pdf';
import { CERTIFICATE_CHANGE, CERTIFICATE_REISSUE, changeSchema, reissueSchema, type CertificateSnapshot, type RequestData } from './schemas';

/**
 * 证书补发 and 证书信息变更 (seed 002 §8–§9) on the engine. The holder picks a
 * valid personnel certificate, prints the request form, signs it and uploads
 * the scan (a change adds the changed fields and supporting documents), then
 * 申请. The exam institution (reviewer) confirms and reports it to the
 * issuing authority — or returns it to the holder, or refuses it; the
 * authority approves (the certificate is re-issued through the registry's
 * replaceCertificate: a new number, the old one no longer valid, the holder
 * notified) or returns it to the exam institution. The authority can act
 * only on reported requests.
 *
 *   draft ─submit─► submitted ─report─► reported ─authorize─► reissued
 *                    │  ▲  │              │
 *              return│  │  └reject        └authorityReturn─► authorityReturned ─report─► reported
 *                    ▼  │resubmit                                   └return─► returned
 *                  returned
 */
export const IN_FLIGHT_REQUEST = ['submitted', 'returned', 'reported', 'authorityReturned'] as const;

const slot = (kind: 'reissue' | 'change', key: string, required: boolean, multiple = false): KindSlot<string> => ({
  key,
  label: `personnel.kinds.${kind}.slots.${key}`,
  help: `personnel.kinds.${kind}.slotHelp.${key}`,
  types: ['pdf', 'jpg', 'png'],
  maxBytes: 10 * MB,
  required,
  multiple,
  applicantStates: ['draft', 'returned'],
});

/** The holder's own personnel certificate (any status), or null. */
async function ownCertificate(tx: DbOrTx, userId: string, certificateId: string, lock = false): Promise<Certificate | null> {
  if (!/^[0-9a-f-]{36}$/i.test(certificateId)) return null;
  const q = tx
    .select()
    .from(certificates)
    .where(and(eq(certificates.id, certificateId), eq(certificates.holderUserId, userId), eq(certificates.type, PERSONNEL_CERTIFICATE)));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export function certificateSnapshot(c: Certificate): CertificateSnapshot {
  const s = (c.subject ?? {}) as Partial<PersonnelCertificateSubject>;
  return { id: c.id, number: c.number, holderName: c.holderName, category: s.category ?? '', items: s.items ?? [], employer: s.employer ?? '', issuedAt: c.issuedAt.toISOString(), validUntil: c.validUntil?.toISOString() ?? null };
}

async function personOf(tx: DbOrTx, userId: string, c: Certificate): Promise<RequestData['person']> {
  const [u] = await tx.select().from(users).where(eq(users.id, userId));
  return { name: u.name, idType: u.idType, idNumber: u.idNumber, mobile: u.mobile, email: u.email, photoDocumentId: (c.subject as Partial<PersonnelCertificateSubject> | null)?.photoDocumentId };
}

/** On submitting: the certificate is the person's own and valid; the snapshots are taken from the registry and the account. */
function prepare(kind: 'reissue' | 'change') {
  return async ({ tx, data, actor }: { tx: DbOrTx; data: RequestData; actor: Actor }): Promise<RequestData> => {
    if (actor.kind !== 'individual') throw new AppError('FORBIDDEN');
    const c = await ownCertificate(tx, actor.id, data.certificateId, true);
    if (!c) throw new AppError('BAD_INPUT', { fieldErrors: { certificateId: ['请选择证书'] } });
    if (c.status !== 'valid') throw new AppError('INVALID_STATE', { messageKey: 'personnel.errors.certificateNotValid', params: { number: c.number } });
    const snapshot = certificateSnapshot(c);
    if (kind === 'change' && data.holderName === snapshot.holderName && data.employer === snapshot.employer) {
      throw new AppError('BAD_INPUT', { fieldErrors: { holderName: ['请至少修改一项证书信息（姓名或工作单位）'] } });
    }
    return { ...data, certificate: snapshot, person: await personOf(tx, actor.id, c) };
  };
}

/** One request per certificate in flight (reissue or change); the certificate row, locked in prepare, serializes two tabs. */
async function submitGuard({ tx, app }: { tx: DbOrTx; app: Application & { data: RequestData } }) {
  const open = await tx
    .select({ number: applications.number, data: applications.data })
    .from(applications)
    .where(and(inArray(applications.kind, [CERTIFICATE_REISSUE, CERTIFICATE_CHANGE]), eq(applications.applicantUserId, app.applicantUserId!), ne(applications.id, app.id), inArray(applications.status, [...IN_FLIGHT_REQUEST])));
  const busy = open.find((o) => (o.data as RequestData).certificateId === app.data.certificateId);
  if (busy) throw new AppError('CONFLICT', { messageKey: 'personnel.errors.requestInFlight', params: { number: busy.number } });
}

/** The authority approved: the certificate is re-issued (new number; the old one replaced), the holder told by email too. */
function reissue(kind: 'reissue' | 'change') {
  return async ({ tx, app, locale }: { tx: DbOrTx; app: Application & { data: RequestData }; locale: AppLocale }) => {
    const d = app.data;
    const [old] = await tx.select().from(certificates).where(eq(certificates.id, d.certificateId));
    if (!old) throw new AppError('NOT_FOUND');
    const subject = { ...(old.subject as Record<string, unknown>), ...(kind === 'change' ? { employer: d.employer } : {}) };
    const { certificate } = await replaceCertificate(tx, SYSTEM, {
      certificateId: d.certificateId,
      reason: `${kind === 'reissue' ? '证书补发' : '证书信息变更'} ${app.number}`,
      ...(kind === 'change' ? { holderName: d.holderName, subject } : {}),
    });
    await tx
      .update(applications)
      .set({ data: { ...d, newCertificate: { id: certificate.id, number: certificate.number } } })
      .where(eq(applications.id, app.id));
    if (!app.applicantUserId) return;
    const [u] = await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, app.applicantUserId));
    if (!u?.email) return;
    const l = kindLabels(locale);
    const props = { recipientName: u.name, number: app.number, kindLabel: l.name(app.kind), statusLabel: `${l.state(app.kind, app.status)}：${certificate.number}`, opinion: null, link: '/portal/certificates' };
    await sendEmail(tx, { to: u.email, subject: workflowStatusSubject(props, locale), template: WorkflowStatusEmail, props, dedupeKey: `personnel-reissued:${app.id}`, locale });
  };
}

/** The printout of a draft looks the certificate and the person up (a submitted request prints its snapshots). */
async function renderRequestForm({ db, app, locale, storage }: { db: DbOrTx; app: Application; locale: AppLocale; storage: () => Promise<Storage> }): Promise<Buffer> {
  const d = app.data as RequestData;
  let data: RequestData = d;
  if (!d.certificate && app.applicantUserId && d.certificateId) {
    const c = await ownCertificate(db, app.applicantUserId, d.certificateId);
    if (c) data = { ...d, certificate: certificateSnapshot(c), person: await personOf(db, app.applicantUserId, c) };
  }
  return renderPersonnelForm({ db, app, data, locale, storage });
}

function requestKind<K extends string>(key: K, kind: 'reissue' | 'change', numberPrefix: string) {
  const reviewers = { staff: ['reviewer', 'admin'] } as const;
  const authority = { staff: ['issuing_authority'] } as const;
  const slots = kind === 'reissue' ? [slot('reissue', 'signed_form', true), slot('reissue', 'loss_statement', false)] : [slot('change', 'signed_form', true), slot('change', 'supporting', true, true)];
  const required = slots.filter((s) => s.required).map((s) => s.key);
  return defineKind({
    key,
    module: 'personnel',
    messages: `personnel.kinds.${kind}`,
    numberPrefix,
    createdBy: 'applicant',
    schema: (kind === 'reissue' ? reissueSchema : changeSchema) as unknown as ZodType<RequestData>,
    initial: 'draft',
    slots,
    states: {
      draft: { tone: 'neutral', applicantEditable: true, hiddenFromStaff: true, waitingFor: 'applicant' },
      submitted: { tone: 'info', due: { days: 10 }, waitingFor: { staff: ['reviewer'] } },
      returned: { tone: 'warning', applicantEditable: true, due: { days: 30 }, waitingFor: 'applicant' },
      reported: { tone: 'info', due: { days: 15 }, waitingFor: { staff: ['issuing_authority'] } },
      authorityReturned: { tone: 'warning', due: { days: 10 }, waitingFor: { staff: ['reviewer'] } },
      reissued: { tone: 'success', final: true },
      rejected: { tone: 'danger', final: true },
      withdrawn: { tone: 'neutral', final: true },
    },
    steps: [
      { key: 'fill', states: ['draft', 'returned'] },
      { key: 'confirm', states: ['submitted', 'authorityReturned'] },
      { key: 'authority', states: ['reported'] },
      { key: 'done', states: ['reissued', 'rejected', 'withdrawn'] },
    ],
    transitions: {
      submit: { from: ['draft'], to: 'submitted', by: 'applicant', takesData: true, requiredSlots: required, guard: submitGuard },
      resubmit: { from: ['returned'], to: 'submitted', by: 'applicant', takesData: true, requiredSlots: required, guard: submitGuard },
      withdraw: { from: ['draft', 'returned'], to: 'withdrawn', by: 'applicant', destructive: true },
      report: { from: ['submitted', 'authorityReturned'], to: 'reported', by: reviewers, opinion: 'optional' },
      return: { from: ['submitted', 'authorityReturned'], to: 'returned', by: reviewers, opinion: 'required' },
      reject: { from: ['submitted', 'authorityReturned'], to: 'rejected', by: reviewers, opinion: 'required', destructive: true },
      authorize: { from: ['reported'], to: 'reissued', by: authority, opinion: 'optional', effects: reissue(kind) },
      authorityReturn: { from: ['reported'], to: 'authorityReturned', by: authority, opinion: 'required' },
    },
    prepareData: prepare(kind) as never,
    applicantOf: (d: RequestData) => ({ name: d.person?.name ?? '', email: d.person?.email ?? null }),
    editPath: (app) => `/portal/personnel/requests/${app.id}/edit`,
    formPdf: renderRequestForm,
    summary: (d: RequestData, t) => requestSummary(kind, d, t),
  });
}

export const reissueKind = requestKind(CERTIFICATE_REISSUE as 'personnelCertificateReissue', 'reissue', 'BF');
export const changeKind = requestKind(CERTIFICATE_CHANGE as 'personnelCertificateChange', 'change', 'BG');

export function requestSummary(kind: 'reissue' | 'change', d: RequestData, t: (key: string) => string): SummarySection[] {
  const f = (k: string) => t(`personnel.form.fields.${k}`);
  const c = d.certificate;
  const p = d.person;
  const sections: SummarySection[] = [
    {
      title: t('personnel.form.sections.person'),
      fields: [
        { label: f('name'), value: p?.name },
        { label: f('idType'), value: p?.idType ? (findIdType(p.idType)?.label ?? p.idType) : null },
        { label: f('idNumber'), value: p?.idNumber },
        { label: f('mobile'), value: p?.mobile },
      ],
    },
    {
      title: t('personnel.form.sections.certificate'),
      fields: [
        { label: f('certificateNumber'), value: c?.number },
        { label: f('holder'), value: c?.holderName },
        { label: f('category'), value: c?.category },
        { label: f('heldItemName'), value: c?.items },
        { label: f('employer'), value: c?.employer, wide: true },
        { label: f('issuedAt'), value: c ? chinaToday(new Date(c.issuedAt)) : null },
        { label: f('validUntil'), value: c?.validUntil ? chinaToday(new Date(c.validUntil)) : null },
      ],
    },
  ];
  if (kind === 'reissue') {
    sections.push({
      title: t('personnel.form.sections.reissue'),
      fields: [
        { label: f('reissueReason'), value: d.reason ? t(`personnel.reissueReasons.${d.reason}`) : null },
        { label: f('reasonDetail'), value: d.reasonDetail || null, wide: true },
      ],
    });
  } else {
    sections.push({
      title: t('personnel.form.sections.change'),
      fields: [
        { label: f('newHolderName'), value: d.holderName },
        { label: f('newEmployer'), value: d.employer, wide: true },
        { label: f('changeReason'), value: d.reasonDetail, wide: true },
      ],
    });
  }
  if (d.newCertificate) sections.push({ title: t('personnel.form.sections.newCertificate'), fields: [{ label: f('certificateNumber'), value: d.newCertificate.number }] });
  return sections;
}
