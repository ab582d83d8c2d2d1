import { and, eq, inArray, ne } from 'drizzle-orm';
import type { ZodType } from 'zod';
import { applications, documents, personnelExamPlans, users, type Application } from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { Actor } from '@/lib/platform/auth/actor';
import { addMonths } from '@/lib/platform/certificates/service';
import { MB } from '@/lib/platform/documents/slots';
import { sendEmail, WorkflowStatusEmail, workflowStatusSubject } from '@/lib/platform/email';
import { AppError } from '@/lib/platform/errors';
import { getSetting } from '@/lib/platform/settings';
import { defineKind, type KindSlot, type SummarySection } from '@/lib/platform/workflow/define';
import { kindLabels } from '@/lib/platform/workflow/labels';
import { findEducationLevel } from '@/lib/reference/education';
import { findIdType } from '@/lib/reference/id-types';
import { findItem, INSPECTION_ITEMS, RETAKE_TYPES, type PlanKind } from '../catalog';
import { issuePersonnelCertificate } from '../certificates';
import { RETAKE_PERIOD_SETTING } from '../defaults';
import { releaseSeat, takeSeat } from '../plans/seats';
import { requireCompleteProfile } from '../services/profile';
import { renderEnrollmentForm } from './form-pdf';
import {
  chinaToday,
  ENROLLMENT_KIND,
  ENROLLMENT_SCHEMA,
  failResultSchema,
  passResultSchema,
  type EnrollmentData,
  type PersonSnapshot,
  type PlanSnapshot,
} from './schemas';

/**
 * The three enrollment kinds of module C on the engine (seed 002 §5–§7):
 * 检验人员换证报名, 检测人员考试报名, 型式试验人员换证报名. One shape:
 *
 *   draft ──submit──► submitted ──approve──► approved ──pass──► passed ──certify──► certified
 *     │  (直接申请)        │  ▲ (资格审核)        │                                   (证书)
 *     │                  return│ resubmit         └──fail──► failed
 *     │                    ▼  │
 *     └──delete──►      returned ──delete──► deleted     submitted ──reject──► rejected
 *
 * Submitting (直接申请) checks the profile, the retake rules and takes a
 * seat in the chosen open exam plan (capacity respected); deleting or
 * rejecting gives it back. After submitting, the applicant prints the form
 * (PDF with photo and QR), signs it and uploads the scan into `signed_form`:
 * the qualification review cannot be approved before it is there. Results
 * (pass / fail) and the certificate are staff transitions of the module's
 * exam administrators.
 */

/** States an enrollment is "in flight" in: one per person per item at a time. */
export const IN_FLIGHT = ['submitted', 'returned', 'approved', 'passed'] as const;
/** 状态查看 › 删除: only enrollments nobody reviewed yet, or returned ones. */
export const DELETABLE = ['draft', 'submitted', 'returned'] as const;
/** 修改 (basic and held-certificate info) and 修改附件: until the qualification review decides. */
export const INFO_EDITABLE = ['draft', 'submitted', 'returned'] as const;

const SIGNED_FORM = 'signed_form';

const slot = (kind: string, key: string, required: boolean, opts: { types?: KindSlot<string>['types']; states?: string[] } = {}): KindSlot<string> => ({
  key,
  label: `personnel.kinds.${kind}.slots.${key}`,
  help: `personnel.kinds.${kind}.slotHelp.${key}`,
  types: opts.types ?? ['pdf', 'jpg', 'png'],
  maxBytes: 10 * MB,
  required,
  applicantStates: opts.states ?? [...INFO_EDITABLE],
});

/** The materials of each kind (the seed's upload page; the red notes are each slot's help) and the signed form. */
const SLOTS: Record<PlanKind, KindSlot<string>[]> = {
  inspection: [
    slot('inspection', 'id_card', true),
    slot('inspection', 'certificate_copy', true),
    slot('inspection', 'work_record', true),
    slot('inspection', 'education_cert', false),
    slot('inspection', SIGNED_FORM, false, { states: ['submitted', 'returned'] }),
  ],
  testing: [
    slot('testing', 'id_card', true),
    slot('testing', 'education_cert', true),
    slot('testing', 'vision_cert', true),
    slot('testing', 'level1_cert', false),
    slot('testing', SIGNED_FORM, false, { states: ['submitted', 'returned'] }),
  ],
  typeTest: [
    slot('typeTest', 'id_card', true),
    slot('typeTest', 'certificate_copy', true),
    slot('typeTest', 'work_record', true),
    slot('typeTest', SIGNED_FORM, false, { states: ['submitted', 'returned'] }),
  ],
};

/** Materials required before 直接申请 (the signed form comes after it). */
export const requiredMaterials = (k: PlanKind) => SLOTS[k].filter((s) => s.required).map((s) => s.key);
export const slotsOf = (k: PlanKind) => SLOTS[k];

async function personSnapshot(tx: DbOrTx, userId: string): Promise<PersonSnapshot> {
  const profile = await requireCompleteProfile(tx, userId);
  const [u] = await tx.select().from(users).where(eq(users.id, userId));
  return {
    name: u.name,
    gender: u.gender,
    idType: u.idType,
    idNumber: u.idNumber,
    birthDate: u.birthDate,
    mobile: u.mobile,
    email: u.email,
    majorType: profile.majorType,
    majorCode: profile.majorCode,
    majorName: profile.majorName,
    photoDocumentId: profile.photoDocumentId,
  };
}

/** Completes a submitted form: the person and plan snapshots; the retake period (a site setting) is checked here, on the server's clock. */
function prepare(planKind: PlanKind) {
  return async ({ tx, data, actor, app }: { tx: DbOrTx; data: EnrollmentData; actor: Actor; app?: Application }): Promise<EnrollmentData> => {
    if (actor.kind !== 'individual' || !app) throw new AppError('FORBIDDEN');
    if (!findItem(planKind, data.item)) throw new AppError('BAD_INPUT', { fieldErrors: { item: ['请选择报名项目'] } });
    const person = await personSnapshot(tx, actor.id);
    if (planKind === 'testing' && (RETAKE_TYPES as readonly string[]).includes(data.enrollType)) {
      const months = Number(await getSetting<unknown>(tx, RETAKE_PERIOD_SETTING)) || 12;
      const previous = (data as { previousExamDate: string }).previousExamDate;
      const earliest = chinaToday(addMonths(new Date(), -months));
      if (previous >= chinaToday()) throw new AppError('BAD_INPUT', { fieldErrors: { previousExamDate: ['上次考试时间须早于今天'] } });
      if (previous < earliest) throw new AppError('BAD_INPUT', { messageKey: 'personnel.errors.retakeExpired', params: { months }, fieldErrors: { previousExamDate: [`上次考试时间已超出补考期限（${months}个月内），请按取证或换证考试报名`] } });
    }
    const [plan] = await tx.select().from(personnelExamPlans).where(eq(personnelExamPlans.id, data.planId));
    if (!plan || plan.kind !== planKind || plan.item !== data.item) throw new AppError('BAD_INPUT', { fieldErrors: { planId: ['请选择可报名的考试计划'] } });
    const snapshot: PlanSnapshot = { id: plan.id, name: plan.name, examStartsOn: plan.examStartsOn, examEndsOn: plan.examEndsOn, site: plan.site, feeFen: plan.feeFen };
    const category = planKind === 'inspection' ? (INSPECTION_ITEMS.seniorInspector.some((i) => i.code === data.item) ? 'seniorInspector' : 'inspector') : undefined;
    return { ...data, ...(category ? { category } : {}), person, plan: snapshot };
  };
}

/** 直接申请: one in-flight enrollment per person and item (the account row serializes two tabs). */
async function submitGuard({ tx, app }: { tx: DbOrTx; app: Application & { data: EnrollmentData } }) {
  if (!app.applicantUserId) throw new AppError('FORBIDDEN');
  await tx.select({ id: users.id }).from(users).where(eq(users.id, app.applicantUserId)).for('update');
  const others = await tx
    .select({ number: applications.number, data: applications.data })
    .from(applications)
    .where(and(eq(applications.kind, app.kind), eq(applications.applicantUserId, app.applicantUserId), ne(applications.id, app.id), inArray(applications.status, [...IN_FLIGHT])));
  const same = others.find((o) => (o.data as { item?: string }).item === app.data.item);
  if (same) throw new AppError('CONFLICT', { messageKey: 'personnel.errors.alreadyEnrolled', params: { number: same.number } });
}

/** The qualification review needs the signed application form (scan) first. */
async function approveGuard({ tx, app }: { tx: DbOrTx; app: Application }) {
  const [doc] = await tx
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.applicationId, app.id), eq(documents.slot, SIGNED_FORM), eq(documents.status, 'current')))
    .limit(1);
  if (!doc) throw new AppError('INVALID_STATE', { messageKey: 'personnel.errors.signedFormMissing' });
}

/** Results reach the candidate by email too (the engine's in-app notice tells them already). */
async function emailResult({ tx, app, opinion, locale }: { tx: DbOrTx; app: Application; opinion: string | null; locale: 'zh-CN' | 'en' }) {
  if (!app.applicantUserId) return;
  const [u] = await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, app.applicantUserId));
  if (!u?.email) return;
  const l = kindLabels(locale);
  const props = { recipientName: u.name, number: app.number, kindLabel: l.name(app.kind), statusLabel: l.state(app.kind, app.status), opinion, link: `/portal/personnel/status` };
  await sendEmail(tx, { to: u.email, subject: workflowStatusSubject(props, locale), template: WorkflowStatusEmail, props, dedupeKey: `personnel-result:${app.id}:v${app.version}`, locale });
}

function enrollmentKind<K extends string>(key: K, planKind: PlanKind, numberPrefix: string) {
  const seat = async ({ tx, app }: { tx: DbOrTx; app: Application & { data: EnrollmentData } }) => {
    await takeSeat(tx, { applicationId: app.id, userId: app.applicantUserId!, planId: app.data.planId, kind: planKind, item: app.data.item });
  };
  const release = async ({ tx, app }: { tx: DbOrTx; app: Application }) => releaseSeat(tx, app.id);
  const staff = { staff: ['reviewer', 'admin'] } as const;
  const examAdmins = { staff: ['exam_admin', 'admin'] } as const;
  return defineKind({
    key,
    module: 'personnel',
    messages: `personnel.kinds.${planKind}`,
    numberPrefix,
    createdBy: 'applicant',
    schema: ENROLLMENT_SCHEMA[planKind] as unknown as ZodType<EnrollmentData>,
    initial: 'draft',
    slots: SLOTS[planKind],
    states: {
      draft: { tone: 'neutral', applicantEditable: true, hiddenFromStaff: true, waitingFor: 'applicant' },
      submitted: { tone: 'info', due: { days: 10 }, waitingFor: { staff: ['reviewer'] } },
      returned: { tone: 'warning', applicantEditable: true, due: { days: 15 }, waitingFor: 'applicant' },
      approved: { tone: 'info', waitingFor: { staff: ['exam_admin'] } },
      passed: { tone: 'success', waitingFor: { staff: ['exam_admin'] } },
      failed: { tone: 'danger', final: true },
      certified: { tone: 'success', final: true },
      rejected: { tone: 'danger', final: true },
      deleted: { tone: 'neutral', final: true, hiddenFromStaff: true },
    },
    steps: [
      { key: 'fill', states: ['draft', 'returned'] },
      { key: 'review', states: ['submitted'] },
      { key: 'exam', states: ['approved'] },
      { key: 'result', states: ['passed', 'failed'] },
      { key: 'certificate', states: ['certified', 'rejected', 'deleted'] },
    ],
    transitions: {
      submit: { from: ['draft'], to: 'submitted', by: 'applicant', takesData: true, requiredSlots: requiredMaterials(planKind), guard: submitGuard, effects: seat },
      resubmit: { from: ['returned'], to: 'submitted', by: 'applicant', takesData: true, requiredSlots: requiredMaterials(planKind), guard: submitGuard, effects: seat },
      delete: { from: [...DELETABLE], to: 'deleted', by: 'applicant', destructive: true, effects: release },
      return: { from: ['submitted'], to: 'returned', by: staff, opinion: 'required' },
      approve: { from: ['submitted'], to: 'approved', by: staff, opinion: 'optional', guard: approveGuard, requiredSlots: [SIGNED_FORM] },
      reject: { from: ['submitted'], to: 'rejected', by: staff, opinion: 'required', destructive: true, effects: release },
      pass: { from: ['approved'], to: 'passed', by: examAdmins, opinion: 'optional', input: passResultSchema as unknown as ZodType<Record<string, unknown>>, inputKey: 'result', effects: emailResult },
      fail: { from: ['approved'], to: 'failed', by: examAdmins, opinion: 'optional', input: failResultSchema as unknown as ZodType<Record<string, unknown>>, inputKey: 'result', effects: emailResult },
      certify: { from: ['passed'], to: 'certified', by: examAdmins, opinion: 'optional', effects: async ({ tx, app }) => void (await issuePersonnelCertificate(tx, app)) },
    },
    prepareData: prepare(planKind) as never,
    applicantOf: (d: EnrollmentData) => ({ name: d.person?.name ?? '', email: d.person?.email ?? null }),
    editPath: (app) => `/portal/personnel/enrollments/${app.id}/edit`,
    formPdf: renderEnrollmentForm,
    summary: (d: EnrollmentData, t) => enrollmentSummary(planKind, d, t),
  });
}

export const inspectionEnrollmentKind = enrollmentKind(ENROLLMENT_KIND.inspection as 'personnelInspectionRenewal', 'inspection', 'JY');
export const testingEnrollmentKind = enrollmentKind(ENROLLMENT_KIND.testing as 'personnelTestingExam', 'testing', 'JC');
export const typeTestEnrollmentKind = enrollmentKind(ENROLLMENT_KIND.typeTest as 'personnelTypeTestRenewal', 'typeTest', 'XS');

// ---- summary (review pages, the PDF, exports) ----------------------------------

const fen = (v: number | null | undefined) => (v ? `¥${(v / 100).toFixed(2)}` : null);

/** The enrollment as labelled sections (person, enrollment, held items, plan, result, certificate). */
export function enrollmentSummary(planKind: PlanKind, d: EnrollmentData, t: (key: string) => string): SummarySection[] {
  const f = (k: string) => t(`personnel.form.fields.${k}`);
  const opt = (group: string, v: string | undefined | null) => (v ? (t(`personnel.${group}.${v}`) ?? v) : null);
  const p = d.person;
  const sections: SummarySection[] = [
    {
      title: t('personnel.form.sections.person'),
      fields: [
        { label: f('name'), value: p?.name },
        { label: f('gender'), value: p?.gender ? t(`personnel.profile.genders.${p.gender}`) : null },
        { label: f('idType'), value: p?.idType ? (findIdType(p.idType)?.label ?? p.idType) : null },
        { label: f('idNumber'), value: p?.idNumber },
        { label: f('birthDate'), value: p?.birthDate },
        { label: f('mobile'), value: p?.mobile },
        { label: f('education'), value: d.education ? (findEducationLevel(d.education)?.name ?? d.education) : null },
        { label: f('major'), value: p ? (p.majorCode ? `${p.majorName}（${p.majorCode}）` : p.majorName) : null },
        { label: f('employer'), value: d.employer, wide: true },
        { label: f('title'), value: d.title || t('personnel.form.none') },
        { label: f('yearsOfWork'), value: d.yearsOfWork === undefined ? null : String(d.yearsOfWork) },
      ],
    },
  ];
  const item = findItem(planKind, d.item);
  const enrollment: SummarySection = {
    title: t('personnel.form.sections.enrollment'),
    fields: [
      { label: f('kind'), value: t(`personnel.kinds.${planKind}.name`) },
      ...(planKind === 'inspection' ? [{ label: f('category'), value: opt('categories', (d as { category?: string }).category) }] : []),
      { label: f('item'), value: item ? `${item.name}（${item.code}）` : d.item },
      ...('nature' in d ? [{ label: f('nature'), value: opt(planKind === 'inspection' ? 'inspectionNatures' : 'testingNatures', (d as { nature: string }).nature) }] : []),
      { label: f('enrollType'), value: opt('enrollTypes', (d as { enrollType?: string }).enrollType) },
    ],
  };
  if (planKind === 'testing') {
    const td = d as { retakeSubjects?: string[]; previousExamDate?: string };
    if (td.retakeSubjects?.length) enrollment.fields.push({ label: f('retakeSubjects'), value: td.retakeSubjects.map((s) => t(`personnel.retakeSubjects.${s}`)) });
    if (td.previousExamDate) enrollment.fields.push({ label: f('previousExamDate'), value: td.previousExamDate });
  }
  if (planKind === 'typeTest') {
    const tt = d as { firstCertDate?: string; certValidUntil?: string };
    enrollment.fields.push({ label: f('firstCertDate'), value: tt.firstCertDate }, { label: f('certValidUntil'), value: tt.certValidUntil });
  }
  sections.push(enrollment);
  sections.push({
    title: t('personnel.form.sections.heldItems'),
    fields: d.heldItems?.length
      ? d.heldItems.map((h, i) => ({ label: `${t('personnel.form.heldItem')} ${i + 1}`, value: `${h.item} · ${t('personnel.form.fields.certificateNumber')} ${h.certificateNumber} · ${t('personnel.form.fields.validUntil')} ${h.validUntil}`, wide: true }))
      : [{ label: f('heldItems'), value: t('personnel.form.none'), wide: true }],
  });
  if (d.plan) {
    sections.push({
      title: t('personnel.form.sections.plan'),
      fields: [
        { label: f('planName'), value: d.plan.name, wide: true },
        { label: f('examDates'), value: d.plan.examStartsOn === d.plan.examEndsOn ? d.plan.examStartsOn : `${d.plan.examStartsOn} – ${d.plan.examEndsOn}` },
        { label: f('fee'), value: fen(d.plan.feeFen) ?? t('personnel.plans.noFee') },
        { label: f('site'), value: d.plan.site, wide: true },
      ],
    });
  }
  if (d.result) {
    sections.push({
      title: t('personnel.form.sections.result'),
      fields: [
        { label: f('outcome'), value: t(`personnel.outcomes.${d.result.outcome}`) },
        { label: f('theoryScore'), value: d.result.theoryScore === undefined ? null : String(d.result.theoryScore) },
        { label: f('practicalScore'), value: d.result.practicalScore === undefined ? null : String(d.result.practicalScore) },
        ...(d.result.note ? [{ label: f('resultNote'), value: d.result.note, wide: true }] : []),
      ],
    });
  }
  if (d.certificate) {
    sections.push({
      title: t('personnel.form.sections.certificate'),
      fields: [
        { label: f('certificateNumber'), value: d.certificate.number },
        { label: f('validUntil'), value: d.certificate.validUntil ? chinaToday(new Date(d.certificate.validUntil)) : null },
      ],
    });
  }
  return sections;
}
