import { and, eq, inArray, sql } from 'drizzle-orm';
import { applications } from '@/db/schema';
import type { Db } from '@/db';
import { audit } from '@/lib/platform/audit';
import { defineAction, type Applicant } from '@/lib/platform/auth/action-core';
import { AppError } from '@/lib/platform/errors';
import { transition } from '@/lib/platform/workflow';
import { PERSONNEL_APPLICANT } from '../../access';
import { RENEWAL_TYPES, type TestingEnrollType } from '../../catalog';
import { DELETABLE, INFO_EDITABLE } from '../kinds';
import { deleteEnrollmentsSchema, updateEnrollmentInfoSchema, type EnrollmentInfoInput } from '../manage-schemas';
import { ENROLLMENT_KINDS, planKindOf, type EnrollmentData } from '../schemas';
import type { z } from 'zod';

/**
 * 状态查看's two mutations of the person's own enrollments: 删除 (one or
 * many, only unreviewed or returned ones; all or none, each the engine's
 * `delete` transition which gives the exam seat back) and 修改 (the basic
 * and held-certificate info while the qualification review has not decided).
 */
export async function deleteEnrollments(db: Db, actor: Applicant, ids: string[], locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<{ deleted: string[] }> {
  if (actor.kind !== 'individual') throw new AppError('FORBIDDEN');
  const unique = [...new Set(ids)];
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: applications.id, number: applications.number, status: applications.status })
      .from(applications)
      .where(and(inArray(applications.id, unique), eq(applications.applicantUserId, actor.id), inArray(applications.kind, ENROLLMENT_KINDS)))
      .for('update');
    if (rows.length !== unique.length) throw new AppError('NOT_FOUND');
    const locked = rows.find((r) => !(DELETABLE as readonly string[]).includes(r.status));
    if (locked) throw new AppError('INVALID_STATE', { messageKey: 'personnel.errors.notDeletable', params: { number: locked.number } });
    const deleted: string[] = [];
    for (const r of rows) {
      await transition(tx, actor, { applicationId: r.id, event: 'delete' }, { locale });
      deleted.push(r.number);
    }
    return { deleted };
  });
}

export const deleteEnrollmentsDef = defineAction({
  access: PERSONNEL_APPLICANT,
  schema: deleteEnrollmentsSchema,
  handler: ({ db, actor, input, locale }) => deleteEnrollments(db, actor, input.ids, locale),
});

export async function updateEnrollmentInfo(db: Db, actor: Applicant, input: { applicationId: string; version?: number; info: z.output<typeof updateEnrollmentInfoSchema>['info'] }, ip: string | null = null) {
  if (actor.kind !== 'individual') throw new AppError('FORBIDDEN');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(applications)
      .where(and(eq(applications.id, input.applicationId), eq(applications.applicantUserId, actor.id), inArray(applications.kind, ENROLLMENT_KINDS)));
    if (!row) throw new AppError('NOT_FOUND');
    if (!(INFO_EDITABLE as readonly string[]).includes(row.status)) throw new AppError('INVALID_STATE', { messageKey: 'personnel.errors.notEditable' });
    if (input.version !== undefined && input.version !== row.version) throw new AppError('CONFLICT', { messageKey: 'workflow.errors.stale' });
    const d = row.data as EnrollmentData;
    const planKind = planKindOf(row.kind);
    const needsHeld = planKind === 'inspection' || (planKind === 'testing' && RENEWAL_TYPES.includes(d.enrollType as TestingEnrollType));
    if (needsHeld && input.info.heldItems.length === 0) throw new AppError('BAD_INPUT', { fieldErrors: { heldItems: ['换证须填写至少一项持证项目'] } });
    const [updated] = await tx
      .update(applications)
      .set({ data: { ...d, ...input.info }, version: sql`${applications.version} + 1`, updatedAt: new Date() })
      .where(and(eq(applications.id, row.id), inArray(applications.status, [...INFO_EDITABLE]), eq(applications.version, row.version)))
      .returning();
    if (!updated) throw new AppError('CONFLICT', { messageKey: 'workflow.errors.raced' });
    await audit(tx, {
      action: 'personnel.enrollment_info_updated',
      actorId: actor.id,
      targetType: 'application',
      targetId: row.id,
      ip,
      detail: { number: row.number, status: row.status, fields: Object.keys(input.info).filter((k) => JSON.stringify((d as Record<string, unknown>)[k]) !== JSON.stringify((input.info as Record<string, unknown>)[k])) },
    });
    return updated;
  });
}

export const updateEnrollmentInfoDef = defineAction({
  access: PERSONNEL_APPLICANT,
  schema: updateEnrollmentInfoSchema,
  handler: async ({ db, actor, input, ip }) => {
    const app = await updateEnrollmentInfo(db, actor, input, ip);
    return { id: app.id, version: app.version };
  },
});

export type { EnrollmentInfoInput };
