import { and, eq, ne } from 'drizzle-orm';
import { examAreas } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { AppError } from '@/lib/platform/errors';

/** Candidates choose an area by its name: one name, one area (checked under the exam's lock). */
export async function assertAreaNameFree(tx: DbOrTx, examId: string, name: string, exceptId?: string): Promise<void> {
  const [same] = await tx
    .select({ id: examAreas.id })
    .from(examAreas)
    .where(and(eq(examAreas.examId, examId), eq(examAreas.name, name), exceptId ? ne(examAreas.id, exceptId) : undefined))
    .limit(1);
  if (same) throw new AppError('BAD_INPUT', { messageKey: 'examAdmin.errors.areaNameTaken', fieldErrors: { name: ['examAdmin.errors.areaNameTakenField'] } });
}
