import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { publishedExam, refundedRegistration } from '@/lib/modules/exam/registration/services/candidate-views';
import { liveRegistration } from '@/lib/modules/exam/registration/services/registration';
import { requireActor } from '@/lib/platform/auth/server';
import { isUuid } from '@/lib/platform/schemas';

/** The exam (published), the signed-in candidate's live registration and, without one, their refunded one, for the registration pages. */
export async function loadCandidateExam(examId: string, next: string) {
  const actor = await requireActor({ next });
  if (actor.kind !== 'individual' || !isUuid(examId)) notFound();
  const db = await getDb();
  const exam = await publishedExam(db, examId);
  if (!exam) notFound();
  const registration = await liveRegistration(db, actor.id, exam.id);
  // No live registration: the refunded one (if any) still shows, with its refund and void receipt.
  const refunded = registration ? null : await refundedRegistration(db, actor.id, exam.id);
  return { db, actor, exam, registration, refunded };
}
