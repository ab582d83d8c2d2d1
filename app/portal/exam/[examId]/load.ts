import { notFound } from 'next/navigation';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { exams } from '@/db/schema';
import { liveRegistration } from '@/lib/modules/exam/registration/services/registration';
import { requireActor } from '@/lib/platform/auth/server';
import { isUuid } from '@/lib/platform/schemas';

/** The exam (published) and the signed-in candidate's live registration, for the registration pages. */
export async function loadCandidateExam(examId: string, next: string) {
  const actor = await requireActor({ next });
  if (actor.kind !== 'individual' || !isUuid(examId)) notFound();
  const db = await getDb();
  const [exam] = await db.select().from(exams).where(and(eq(exams.id, examId), eq(exams.status, 'published')));
  if (!exam) notFound();
  const registration = await liveRegistration(db, actor.id, exam.id);
  return { db, actor, exam, registration };
}
