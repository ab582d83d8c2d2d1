import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import { applications, documents, type Application } from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import { isUuid } from '@/lib/platform/schemas';
import { lastOpinion } from '@/lib/platform/workflow';
import type { PersonnelProfile } from '@/db/schema';
import { findItem, type PlanKind } from '../catalog';
import { DELETABLE, INFO_EDITABLE } from './kinds';
import { ENROLLMENT_KINDS, planKindOf, type EnrollmentData } from './schemas';

/**
 * Read models of the applicant's enrollments: one (for the edit pages) and
 * all of them (状态查看), with what each may do now. Scoped to the signed-in
 * individual in the query.
 */
export async function myEnrollment(db: DbOrTx, actor: Actor, id: string): Promise<Application & { planKind: PlanKind }> {
  if (actor.kind !== 'individual' || !isUuid(id)) throw new AppError('NOT_FOUND');
  const [row] = await db
    .select()
    .from(applications)
    .where(and(eq(applications.id, id), eq(applications.applicantUserId, actor.id), inArray(applications.kind, ENROLLMENT_KINDS)));
  const planKind = row ? planKindOf(row.kind) : undefined;
  if (!row || !planKind) throw new AppError('NOT_FOUND');
  return { ...row, planKind };
}

/** 审核状态 (qualification review) of an enrollment's state. */
export type ReviewStatus = 'notSubmitted' | 'pending' | 'returned' | 'approved' | 'rejected';
/** 发证状态. */
export type CertificationStatus = 'none' | 'pending' | 'issued' | 'notIssued';

export function reviewStatusOf(status: string): ReviewStatus {
  if (status === 'draft') return 'notSubmitted';
  if (status === 'submitted') return 'pending';
  if (status === 'returned') return 'returned';
  if (status === 'rejected') return 'rejected';
  return 'approved';
}

export function certificationStatusOf(status: string): CertificationStatus {
  if (status === 'certified') return 'issued';
  if (status === 'passed') return 'pending';
  if (status === 'failed' || status === 'rejected') return 'notIssued';
  return 'none';
}

export type StatusRow = {
  id: string;
  number: string;
  kind: string;
  planKind: PlanKind;
  status: string;
  itemLabel: string;
  enrollType: string | undefined;
  planName: string | null;
  examDates: string | null;
  review: ReviewStatus;
  certification: CertificationStatus;
  result: EnrollmentData['result'] | null;
  certificate: EnrollmentData['certificate'] | null;
  signedFormUploaded: boolean;
  returnOpinion: string | null;
  submittedAt: Date | null;
  updatedAt: Date;
  deletable: boolean;
  infoEditable: boolean;
};

/** 状态查看: every enrollment of the person (deleted ones left out), newest first. */
export async function myEnrollmentStatus(db: DbOrTx, actor: Actor): Promise<StatusRow[]> {
  if (actor.kind !== 'individual') return [];
  const rows = await db
    .select()
    .from(applications)
    .where(and(eq(applications.applicantUserId, actor.id), inArray(applications.kind, ENROLLMENT_KINDS), ne(applications.status, 'deleted')))
    .orderBy(desc(applications.updatedAt), desc(applications.id))
    .limit(200);
  const signed = rows.length
    ? await db
        .selectDistinct({ applicationId: documents.applicationId })
        .from(documents)
        .where(and(inArray(documents.applicationId, rows.map((r) => r.id)), eq(documents.slot, 'signed_form'), eq(documents.status, 'current')))
    : [];
  return Promise.all(
    rows.map(async (r) => {
      const planKind = planKindOf(r.kind)!;
      const d = r.data as EnrollmentData;
      const item = d.item ? findItem(planKind, d.item) : undefined;
      return {
        id: r.id,
        number: r.number,
        kind: r.kind,
        planKind,
        status: r.status,
        itemLabel: item ? `${item.name}（${item.code}）` : '',
        enrollType: d.enrollType,
        planName: d.plan?.name ?? null,
        examDates: d.plan ? (d.plan.examStartsOn === d.plan.examEndsOn ? d.plan.examStartsOn : `${d.plan.examStartsOn} – ${d.plan.examEndsOn}`) : null,
        review: reviewStatusOf(r.status),
        certification: certificationStatusOf(r.status),
        result: d.result ?? null,
        certificate: d.certificate ?? null,
        signedFormUploaded: signed.some((s) => s.applicationId === r.id),
        returnOpinion: r.status === 'returned' ? await lastOpinion(db, r, 'return') : null,
        submittedAt: r.submittedAt,
        updatedAt: r.updatedAt,
        deletable: (DELETABLE as readonly string[]).includes(r.status),
        infoEditable: (INFO_EDITABLE as readonly string[]).includes(r.status),
      };
    }),
  );
}

/**
 * The form's values for an enrollment: what it holds, the person's work data
 * from the profile where it holds none. The snapshots a returned enrollment
 * carries (person, plan) ride along unchanged, so saving its form keeps
 * them (a resubmit takes them afresh regardless).
 */
export function enrollmentFormValues(app: Application, planKind: PlanKind, profile: PersonnelProfile | null): Record<string, unknown> {
  const d = (app.data ?? {}) as Record<string, unknown>;
  const base: Record<string, unknown> = {
    ...(d.person ? { person: d.person } : {}),
    ...(d.plan ? { plan: d.plan } : {}),
    item: d.item ?? '',
    planId: d.planId ?? '',
    heldItems: Array.isArray(d.heldItems) ? d.heldItems : [],
    education: d.education ?? profile?.education ?? '',
    employer: d.employer ?? profile?.employer ?? '',
    title: d.title ?? profile?.title ?? '',
    yearsOfWork: d.yearsOfWork !== undefined ? String(d.yearsOfWork) : profile ? String(profile.yearsOfWork) : '',
  };
  if (planKind === 'inspection') return { ...base, category: d.category ?? '', nature: d.nature ?? '', enrollType: 'auditRenewal' };
  if (planKind === 'testing')
    return { ...base, nature: d.nature ?? '', enrollType: d.enrollType ?? '', retakeSubjects: Array.isArray(d.retakeSubjects) ? d.retakeSubjects : [], previousExamDate: d.previousExamDate ?? '' };
  return { ...base, firstCertDate: d.firstCertDate ?? '', certValidUntil: d.certValidUntil ?? '', enrollType: 'auditRenewal' };
}
