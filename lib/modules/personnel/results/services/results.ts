import { and, eq, inArray } from 'drizzle-orm';
import { applications, personnelPlanSeats } from '@/db/schema';
import type { Db } from '@/db';
import { audit } from '@/lib/platform/audit';
import { defineAction, type StaffActor } from '@/lib/platform/auth/action-core';
import { AppError } from '@/lib/platform/errors';
import { readSpreadsheet, sortRowErrors, type SheetRow, type SheetRowError } from '@/lib/platform/spreadsheet';
import { transition } from '@/lib/platform/workflow';
import { kindLabels } from '@/lib/platform/workflow/labels';
import { PERSONNEL_EXAM_ADMIN } from '../../access';
import { lockPlan } from '../../plans/services/plans';
import { certifyPassedSchema, importResultsSchema, OUTCOME_WORDS, RESULT_COLUMNS, RESULT_IMPORT_MAX_BYTES, RESULT_IMPORT_MAX_ROWS, type ResultColumn } from '../schemas';

/**
 * Results of a plan (staff, module C's exam administrators): imported from
 * Excel / CSV — every row checked first (the enrollment is in this plan, the
 * name matches, its qualification was approved and it has no result yet,
 * the result and scores are valid, no number twice); one wrong row and
 * nothing is written, the errors come back per row and column. Otherwise one
 * transaction fires the engine's `pass` / `fail` for every row (the flow
 * record, the candidate's notice and email). And the certificate issue of
 * every passed enrollment of a plan.
 */
export type ResultImportResult = { recorded: number; passed: number; failed: number; errors: SheetRowError[] };

type ValidRow = { row: number; applicationId: string; event: 'pass' | 'fail'; data: { outcome: string; theoryScore?: number; practicalScore?: number; note: string } };

function score(raw: string | undefined, column: ResultColumn, err: (c: ResultColumn, m: string) => void): number | undefined | null {
  const v = (raw ?? '').trim();
  if (!v) return undefined;
  const n = Number(v);
  if (!/^\d+(\.\d{1,2})?$/.test(v) || n < 0 || n > 100) {
    err(column, `${column}须为0–100之间的数（${v}）`);
    return null;
  }
  return n;
}

export async function importResults(db: Db, actor: StaffActor, input: { planId: string; fileName: string; content: Buffer }, ip: string | null = null): Promise<ResultImportResult> {
  const parsed = await readSpreadsheet({ fileName: input.fileName, content: input.content }, { columns: RESULT_COLUMNS, maxBytes: RESULT_IMPORT_MAX_BYTES, maxRows: RESULT_IMPORT_MAX_ROWS });
  const errors: SheetRowError[] = [...parsed.errors];
  if (errors.length) return { recorded: 0, passed: 0, failed: 0, errors };
  return db.transaction(async (tx) => {
    const plan = await lockPlan(tx, input.planId);
    const enrolled = await tx
      .select({ id: applications.id, number: applications.number, kind: applications.kind, status: applications.status, name: applications.applicantName })
      .from(personnelPlanSeats)
      .innerJoin(applications, eq(applications.id, personnelPlanSeats.applicationId))
      .where(eq(personnelPlanSeats.planId, plan.id));
    const byNumber = new Map(enrolled.map((e) => [e.number, e]));
    const l = kindLabels('zh-CN');
    const seen = new Map<string, number>();
    const valid: ValidRow[] = [];
    for (const r of parsed.rows as SheetRow<ResultColumn>[]) {
      const before = errors.length;
      const err = (column: ResultColumn, message: string) => errors.push({ row: r.row, column, message });
      const number = (r.cells['报名编号'] ?? '').trim().toUpperCase();
      const app = byNumber.get(number);
      if (!number) err('报名编号', '报名编号不能为空');
      else if (!app) err('报名编号', `报名编号 ${number} 不是本考试计划的报名`);
      else if (seen.has(number)) err('报名编号', `报名编号与第 ${seen.get(number)} 行重复`);
      else if (app.status !== 'approved') err('报名编号', app.status === 'passed' || app.status === 'failed' || app.status === 'certified' ? `报名 ${number} 已录入考试结果` : `报名 ${number} 当前状态为“${l.state(app.kind, app.status)}”，资格审核通过后才能录入考试结果`);
      if (number) seen.set(number, seen.get(number) ?? r.row);
      const name = (r.cells['姓名'] ?? '').trim();
      if (!name) err('姓名', '姓名不能为空');
      else if (app && name !== app.name) err('姓名', `姓名与报名 ${number} 不符（应为 ${app.name}）`);
      const word = (r.cells['考试结果'] ?? '').trim() as keyof typeof OUTCOME_WORDS;
      const outcome = OUTCOME_WORDS[word];
      if (!word) err('考试结果', '考试结果不能为空（合格 / 不合格 / 缺考）');
      else if (!outcome) err('考试结果', `考试结果须为“合格”“不合格”或“缺考”（${word}）`);
      const theory = score(r.cells['理论成绩'], '理论成绩', err);
      const practical = score(r.cells['实操成绩'], '实操成绩', err);
      const note = (r.cells['备注'] ?? '').trim();
      if (note.length > 200) err('备注', '备注不能超过200个字');
      if (errors.length > before || !app || !outcome || theory === null || practical === null) continue;
      valid.push({
        row: r.row,
        applicationId: app.id,
        event: outcome === 'pass' ? 'pass' : 'fail',
        data: { outcome, ...(theory !== undefined ? { theoryScore: theory } : {}), ...(practical !== undefined ? { practicalScore: practical } : {}), note },
      });
    }
    if (errors.length) return { recorded: 0, passed: 0, failed: 0, errors: sortRowErrors(errors, RESULT_COLUMNS) };
    for (const v of valid) await transition(tx, actor, { applicationId: v.applicationId, event: v.event, data: v.data });
    const result = { recorded: valid.length, passed: valid.filter((v) => v.event === 'pass').length, failed: valid.filter((v) => v.event === 'fail').length, errors: [] };
    await audit(tx, { action: 'personnel.results_imported', actorId: actor.id, targetType: 'personnel_exam_plan', targetId: plan.id, ip, detail: { plan: plan.name, fileName: input.fileName, ...result } });
    return result;
  });
}

export const importResultsDef = defineAction({
  access: PERSONNEL_EXAM_ADMIN,
  schema: importResultsSchema,
  handler: async ({ db, actor, input, ip }) => {
    const content = Buffer.from(input.contentBase64, 'base64');
    if (content.length > RESULT_IMPORT_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', { messageKey: 'legacyFileTooLarge' });
    return importResults(db, actor, { planId: input.planId, fileName: input.fileName, content }, ip);
  },
});

/** Issues the certificates of every passed enrollment of the plan (each the engine's `certify`), in one transaction. */
export async function certifyPassed(db: Db, actor: StaffActor, planId: string, ip: string | null = null): Promise<{ certified: number }> {
  return db.transaction(async (tx) => {
    const plan = await lockPlan(tx, planId);
    const passed = await tx
      .select({ id: applications.id })
      .from(personnelPlanSeats)
      .innerJoin(applications, eq(applications.id, personnelPlanSeats.applicationId))
      .where(and(eq(personnelPlanSeats.planId, plan.id), inArray(applications.status, ['passed'])));
    if (passed.length === 0) throw new AppError('INVALID_STATE', { messageKey: 'personnel.errors.nobodyToCertify' });
    for (const p of passed) await transition(tx, actor, { applicationId: p.id, event: 'certify' });
    await audit(tx, { action: 'personnel.certificates_issued', actorId: actor.id, targetType: 'personnel_exam_plan', targetId: plan.id, ip, detail: { plan: plan.name, certified: passed.length } });
    return { certified: passed.length };
  });
}

export const certifyPassedDef = defineAction({
  access: PERSONNEL_EXAM_ADMIN,
  schema: certifyPassedSchema,
  handler: ({ db, actor, input, ip }) => certifyPassed(db, actor, input.planId, ip),
});
