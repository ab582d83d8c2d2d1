import { and, eq } from 'drizzle-orm';
import { examAreas } from '@/db/schema';
import type { Db } from '@/db';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import { idSchema } from '../schemas';
import { areaInUse, assertStillPublishable, EXAM_ADMIN_ACCESS, lockArea, refuseIfInUse, requireExamAdmin } from './access';
import { auditExam } from './audit-exam';

/** Deletes an area no candidate chose and no seat is held in; a published exam keeps at least one. */
export async function deleteArea(db: Db, actor: Actor, input: { id: string }, meta: { ip?: string | null } = {}): Promise<{ id: string }> {
  const staff = requireExamAdmin(actor);
  return refuseIfInUse('examAdmin.errors.areaInUse', () =>
    db.transaction(async (tx) => {
      const { exam, area } = await lockArea(tx, input.id);
      if (await areaInUse(tx, area.id)) throw new AppError('INVALID_STATE', { messageKey: 'examAdmin.errors.areaInUse' });
      const gone = await tx
        .delete(examAreas)
        .where(and(eq(examAreas.id, area.id), eq(examAreas.taken, 0)))
        .returning({ id: examAreas.id });
      if (!gone.length) throw new AppError('INVALID_STATE', { messageKey: 'examAdmin.errors.areaInUse' });
      await assertStillPublishable(tx, exam);
      await auditExam(tx, 'exam.area_deleted', exam, { actorId: staff.id, ip: meta.ip }, { areaId: area.id, name: area.name, regionCode: area.regionCode, capacity: area.capacity });
      return { id: area.id };
    }),
  );
}

export const deleteAreaDef = defineAction({
  access: EXAM_ADMIN_ACCESS,
  schema: idSchema,
  handler: ({ db, actor, input, ip }) => deleteArea(db, actor, input, { ip }),
});
