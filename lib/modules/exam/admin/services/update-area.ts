import { and, eq, lte } from 'drizzle-orm';
import { examAreas } from '@/db/schema';
import type { Db } from '@/db';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import { updateAreaSchema } from '../schemas';
import { areaInUse, EXAM_ADMIN_ACCESS, lockArea, requireExamAdmin } from './access';
import { assertAreaNameFree } from './area-rules';
import { auditExam, changes } from './audit-exam';
import { areaCityRule } from '../cities';
import { withRegionChecks } from '@/lib/reference/region-checks';

/**
 * Renames or resizes an area. Capacity may grow at any time and shrink only
 * down to the seats already taken: the UPDATE itself says `taken <= capacity`
 * (seats are taken by conditional UPDATEs without the exam lock, so a check
 * before it could be stale). The city stays once a candidate chose the area.
 */
export async function updateArea(db: Db, actor: Actor, input: { id: string; name: string; regionCode: string; capacity: number }, meta: { ip?: string | null } = {}): Promise<{ id: string }> {
  const staff = requireExamAdmin(actor);
  return db.transaction(async (tx) => {
    const { exam, area } = await lockArea(tx, input.id);
    if (input.name !== area.name) await assertAreaNameFree(tx, exam.id, input.name, area.id);
    if (input.regionCode !== area.regionCode && (await areaInUse(tx, area.id))) {
      throw new AppError('INVALID_STATE', { messageKey: 'examAdmin.errors.areaCityInUse', fieldErrors: { regionCode: ['examAdmin.errors.areaCityInUseField'] } });
    }
    const next = { name: input.name, regionCode: input.regionCode, capacity: input.capacity };
    const diff = changes(area, next);
    if (Object.keys(diff).length === 0) return { id: area.id };
    const [a] = await tx
      .update(examAreas)
      .set(next)
      .where(and(eq(examAreas.id, area.id), lte(examAreas.taken, input.capacity)))
      .returning();
    if (!a) {
      const [now] = await tx.select({ taken: examAreas.taken }).from(examAreas).where(eq(examAreas.id, area.id));
      throw new AppError('BAD_INPUT', {
        messageKey: 'examAdmin.errors.capacityBelowTaken',
        params: { taken: now?.taken ?? area.taken },
        fieldErrors: { capacity: ['examAdmin.errors.capacityBelowTakenField'] },
      });
    }
    await auditExam(tx, 'exam.area_updated', exam, { actorId: staff.id, ip: meta.ip }, { areaId: a.id, taken: a.taken, changes: diff });
    return { id: a.id };
  });
}

export const updateAreaDef = defineAction({
  access: EXAM_ADMIN_ACCESS,
  // The shared schema checks the code's shape; the server also checks that it is an area city of the tree.
  schema: withRegionChecks(updateAreaSchema, [areaCityRule]),
  handler: ({ db, actor, input, ip }) => updateArea(db, actor, input, { ip }),
});
