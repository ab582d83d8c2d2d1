import { eq, sql } from 'drizzle-orm';
import { examAreas } from '@/db/schema';
import type { Db } from '@/db';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { addAreaSchema } from '../schemas';
import { EXAM_ADMIN_ACCESS, lockExam, requireExamAdmin } from './access';
import { assertAreaNameFree } from './area-rules';
import { auditExam } from './audit-exam';
import { areaCityRule } from '../cities';
import { withRegionChecks } from '@/lib/reference/region-checks';

/** A new area (考区) with its capacity; allowed at any time (more seats never hurt a candidate). */
export async function addArea(db: Db, actor: Actor, input: { examId: string; name: string; regionCode: string; capacity: number }, meta: { ip?: string | null } = {}): Promise<{ id: string }> {
  const staff = requireExamAdmin(actor);
  return db.transaction(async (tx) => {
    const exam = await lockExam(tx, input.examId);
    await assertAreaNameFree(tx, exam.id, input.name);
    const [{ next }] = await tx
      .select({ next: sql<number>`coalesce(max(${examAreas.sortOrder}), -1) + 1`.mapWith(Number) })
      .from(examAreas)
      .where(eq(examAreas.examId, exam.id));
    const [a] = await tx.insert(examAreas).values({ examId: exam.id, name: input.name, regionCode: input.regionCode, capacity: input.capacity, sortOrder: next }).returning();
    await auditExam(tx, 'exam.area_added', exam, { actorId: staff.id, ip: meta.ip }, { areaId: a.id, name: a.name, regionCode: a.regionCode, capacity: a.capacity });
    return { id: a.id };
  });
}

export const addAreaDef = defineAction({
  access: EXAM_ADMIN_ACCESS,
  // The shared schema checks the code's shape; the server also checks that it is an area city of the tree.
  schema: withRegionChecks(addAreaSchema, [areaCityRule]),
  handler: ({ db, actor, input, ip }) => addArea(db, actor, input, { ip }),
});
