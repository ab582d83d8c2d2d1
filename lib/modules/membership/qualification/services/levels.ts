import { eq } from 'drizzle-orm';
import { qualificationLevels } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { audit } from '@/lib/platform/audit';
import { defineAction } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError, isUniqueViolation } from '@/lib/platform/errors';
import { getSetting, setSetting } from '@/lib/platform/settings';
import { canManageMembership, MEMBERSHIP_STAFF_ACCESS } from '../../access';
import { RENEWAL_WINDOW_SETTING } from '../constants';
import { listLevels, toLevel, type Level } from '../levels';
import { qualificationSettingsSchema, saveLevelSchema, toRequirements } from '../schemas';

/**
 * 资质等级设置 (admins and module-B reviewers): create or change a level —
 * name, rank (1 = highest), validity, staff counts per grade, required review
 * materials, active — and when 到期换证 opens. Every change is audited with
 * the values before and after; a level's code and rank are unique (database
 * constraints, so two saves at once cannot both take one).
 */
export const saveQualificationLevelDef = defineAction({
  access: MEMBERSHIP_STAFF_ACCESS,
  schema: saveLevelSchema,
  handler: async ({ db, actor, input, ip }) => {
    const values = {
      code: input.code,
      name: input.name,
      rank: input.rank,
      description: input.description,
      validityMonths: input.validityMonths,
      active: input.active,
      requirements: toRequirements(input.requirements),
      materials: [...new Set(input.materials)],
    };
    try {
      return await db.transaction(async (tx) => {
        if (!input.id) {
          const [row] = await tx.insert(qualificationLevels).values(values).returning();
          await audit(tx, { action: 'qualification.level.created', actorId: actor.id, targetType: 'qualification_level', targetId: row.id, ip, detail: { to: values } });
          return { id: row.id };
        }
        const [before] = await tx.select().from(qualificationLevels).where(eq(qualificationLevels.id, input.id)).for('update');
        if (!before) throw new AppError('NOT_FOUND');
        const [row] = await tx
          .update(qualificationLevels)
          .set({ ...values, updatedAt: new Date() })
          .where(eq(qualificationLevels.id, input.id))
          .returning();
        const from = toLevel(before);
        await audit(tx, {
          action: 'qualification.level.updated',
          actorId: actor.id,
          targetType: 'qualification_level',
          targetId: row.id,
          ip,
          detail: { from: { code: from.code, name: from.name, rank: from.rank, description: from.description, validityMonths: from.validityMonths, active: from.active, requirements: from.requirements, materials: from.materials }, to: values },
        });
        return { id: row.id };
      });
    } catch (e) {
      if (isUniqueViolation(e, 'qualification_levels_code_unique')) throw new AppError('BAD_INPUT', { fieldErrors: { code: ['qualification.errors.codeTaken'] } });
      if (isUniqueViolation(e, 'qualification_levels_rank_unique')) throw new AppError('BAD_INPUT', { fieldErrors: { rank: ['qualification.errors.rankTaken'] } });
      throw e;
    }
  },
});

/** When 到期换证 opens (days before the end of validity), audited. */
export const updateQualificationSettingsDef = defineAction({
  access: MEMBERSHIP_STAFF_ACCESS,
  schema: qualificationSettingsSchema,
  handler: async ({ db, actor, input, ip }) => {
    await db.transaction(async (tx) => {
      const before = await getSetting<unknown>(tx, RENEWAL_WINDOW_SETTING);
      await setSetting(tx, RENEWAL_WINDOW_SETTING, input.renewalWindowDays);
      await audit(tx, { action: 'settings.changed', actorId: actor.id, targetType: 'setting', targetId: RENEWAL_WINDOW_SETTING, ip, detail: { from: before, to: input.renewalWindowDays } });
    });
    return { renewalWindowDays: input.renewalWindowDays };
  },
});

/** The levels for the staff page (admins and module-B reviewers). */
export async function levelsForStaff(db: DbOrTx, actor: Actor): Promise<Level[]> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (!canManageMembership(actor)) throw new AppError('FORBIDDEN');
  return listLevels(db);
}

/** The levels as the Excel export lists them; the export is audited. */
export async function exportQualificationLevels(db: DbOrTx, actor: Actor, opts: { ip?: string | null } = {}): Promise<Level[]> {
  const levels = await levelsForStaff(db, actor);
  await audit(db, { action: 'qualification.levels.exported', actorId: actor.kind === 'staff' ? actor.id : null, targetType: 'qualification_level', ip: opts.ip, detail: { rows: levels.length } });
  return levels;
}
