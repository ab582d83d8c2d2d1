import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { publishedExam } from '@/lib/modules/exam/registration/services/candidate-views';
import { liveRegistration } from '@/lib/modules/exam/registration/services/registration';
import { requireActor } from '@/lib/platform/auth/server';
import { isUuid } from '@/lib/platform/schemas';

/** The exam (published) and the signed-in candidate's live registration, for the registration pages. */
export async function loadCandidateExam(examId: string, next: string) {
  const actor = await requireActor({ next });
  if (actor.kind !== 'individual' || !isUuid(examId)) notFound();
  const db = await getDb();
  const exam = await publishedExam(db, examId);
  if (!exam) notFound();
  const registration = await liveRegistration(db, actor.id, exam.id);
  return { db, actor, exam, registration };
}
