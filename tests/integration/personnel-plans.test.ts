import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, personnelExamPlans } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createStaff } from '@/db/seed/factories';
import { exportPlanEnrollments, exportPlans, listPlans, openPlansFor } from '@/lib/modules/personnel/plans/queries';
import { createPlanDef, setPlanStatusDef, updatePlanDef } from '@/lib/modules/personnel/plans/services/plans';
import type { Actor } from '@/lib/platform/auth/actor';
import { actorOf } from '../helpers/actors';
import { createTestDb } from '../helpers/db';
import { day, DAY, gate, local, planFields, type Ok } from '../helpers/personnel';
import { createTestStorage } from '../helpers/storage';

let h: DbHandle;
let s: Awaited<ReturnType<typeof createTestStorage>>;
let examAdmin: Actor;
let reviewer: Actor;
beforeAll(async () => {
  [h, s] = await Promise.all([createTestDb(), createTestStorage()]);
  examAdmin = await actorOf(h.db, (await createStaff(h.db, [{ role: 'exam_admin', module: 'personnel' }])).id);
  reviewer = await actorOf(h.db, (await createStaff(h.db, [{ role: 'reviewer', module: 'personnel' }])).id);
});
afterAll(async () => {
  await h.close();
  await s.close();
});

const call = (...a: Parameters<ReturnType<typeof gate>>) => gate(h.db, s.storage)(...a);


describe('exam plans (考试计划)', () => {
  it('an exam administrator of module C creates a plan (fee in fen), edits it, opens and closes it; each change audited', async () => {
    const created = (await call(createPlanDef, examAdmin, planFields({ name: '2027年第一期超声检测Ⅱ级', fee: '350.5' }))) as Ok<{ id: string }>;
    expect(created.ok).toBe(true);
    const [row] = await h.db.select().from(personnelExamPlans).where(eq(personnelExamPlans.id, created.data.id));
    expect(row).toMatchObject({ kind: 'testing', item: 'UT-Ⅱ', status: 'draft', capacity: 30, taken: 0, feeFen: 35050 });
    // A draft is not offered to candidates.
    expect((await openPlansFor(h.db, 'testing', 'UT-Ⅱ')).map((p) => p.id)).not.toContain(row.id);

    expect(await call(updatePlanDef, examAdmin, { ...planFields({ name: '2027年第一期超声检测Ⅱ级（杭州）', fee: '', capacity: '40' }), planId: row.id })).toMatchObject({ ok: true });
    expect(await call(setPlanStatusDef, examAdmin, { planId: row.id, status: 'open' })).toMatchObject({ ok: true, data: { status: 'open' } });
    expect(await call(setPlanStatusDef, examAdmin, { planId: row.id, status: 'open' })).toMatchObject({ ok: false, code: 'INVALID_STATE', message: '该考试计划已开放报名' });
    const offered = await openPlansFor(h.db, 'testing', 'UT-Ⅱ');
    expect(offered.find((p) => p.id === row.id)).toMatchObject({ name: '2027年第一期超声检测Ⅱ级（杭州）', feeFen: null, capacity: 40, remaining: 40 });
    expect(await call(setPlanStatusDef, examAdmin, { planId: row.id, status: 'closed' })).toMatchObject({ ok: true });
    expect((await openPlansFor(h.db, 'testing', 'UT-Ⅱ')).map((p) => p.id)).not.toContain(row.id);

    const actions = (await h.db.select().from(auditLog).where(eq(auditLog.targetId, row.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['personnel.plan_created', 'personnel.plan_updated', 'personnel.plan_opened', 'personnel.plan_closed']));
    const [upd] = await h.db.select().from(auditLog).where(and(eq(auditLog.targetId, row.id), eq(auditLog.action, 'personnel.plan_updated')));
    expect(upd.detail).toMatchObject({ changed: { capacity: { from: 30, to: 40 }, feeFen: { from: 35050, to: null } } });
  });

  it('an open plan outside its window is not offered', async () => {
    const later = (await call(createPlanDef, examAdmin, planFields({ enrollOpensAt: local(5 * DAY), enrollClosesAt: local(10 * DAY) }))) as Ok<{ id: string }>;
    await call(setPlanStatusDef, examAdmin, { planId: later.data.id, status: 'open' });
    expect((await openPlansFor(h.db, 'testing', 'UT-Ⅱ')).map((p) => p.id)).not.toContain(later.data.id);
  });

  it('refuses every bad input with a message next to its field, writing nothing', async () => {
    const before = await h.db.select().from(personnelExamPlans);
    const cases: Array<[Record<string, unknown>, Record<string, string[]>]> = [
      [{ item: 'RQY' }, { item: ['请选择该报名类别下的报名项目'] }],
      [{ name: ' ' }, { name: ['请输入计划名称'] }],
      [{ capacity: '0' }, { capacity: ['计划人数须为正整数'] }],
      [{ capacity: '2.5' }, { capacity: ['计划人数须为正整数'] }],
      [{ fee: '12.345' }, { fee: ['考试费用须为不超过100000元的金额，最多两位小数'] }],
      [{ examEndsOn: day(29 * DAY) }, { examEndsOn: ['考试结束日期不能早于开始日期'] }],
      [{ examStartsOn: '2027-02-30' }, { examStartsOn: ['请输入有效的日期'] }],
      [{ enrollClosesAt: local(-2 * DAY) }, { enrollClosesAt: ['报名截止时间须晚于报名开始时间'] }],
      [{ enrollClosesAt: local(40 * DAY) }, { enrollClosesAt: ['报名须在考试开始日期之前截止'] }],
      [{ enrollOpensAt: 'soon' }, { enrollOpensAt: ['请输入有效的报名开始时间'] }],
      [{ site: '' }, { site: ['请输入考试地点'] }],
    ];
    for (const [over, fieldErrors] of cases) {
      const r = await call(createPlanDef, examAdmin, planFields(over));
      expect(r, JSON.stringify(over)).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors });
    }
    expect(await h.db.select().from(personnelExamPlans)).toEqual(before);
  });

  it('only module C exam administrators and admins manage plans; their lists and exports are audited', async () => {
    expect(await call(createPlanDef, reviewer, planFields())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const otherModule = await actorOf(h.db, (await createStaff(h.db, [{ role: 'exam_admin', module: 'exam' }])).id);
    expect(await call(createPlanDef, otherModule, planFields())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    await expect(listPlans(h.db, reviewer)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const created = (await call(createPlanDef, examAdmin, planFields())) as Ok<{ id: string }>;
    const plans = await exportPlans(h.db, examAdmin, { kind: 'testing' });
    expect(plans.map((p) => p.id)).toContain(created.data.id);
    const { rows } = await exportPlanEnrollments(h.db, examAdmin, created.data.id);
    expect(rows).toEqual([]);
    const exports = await h.db.select().from(auditLog).where(eq(auditLog.action, 'data.export'));
    expect(exports.map((e) => e.targetType)).toEqual(expect.arrayContaining(['personnel_exam_plans', 'personnel_plan_enrollments']));
    await expect(exportPlanEnrollments(h.db, reviewer, created.data.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
