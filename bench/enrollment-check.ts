import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import '../lib/modules';
import { openDb } from '../db/client';
import { trainingCourses } from '../db/schema';
import { createOrgAccount, randomResidentId } from '../db/seed/factories';
import { loadActor } from '../lib/platform/auth/actor';
import { sessions } from '../db/schema';
import { ENROLLMENT_COLUMNS, REQUIRED_COLUMNS, validateEnrollmentRows, type EnrollmentColumn } from '../lib/modules/membership/staff/enrollment-rows';
import { checkEnrollmentFile, importEnrollmentFile, loadEnrollmentContext } from '../lib/modules/membership/staff/services/enrollment';
import { readSpreadsheet } from '../lib/platform/spreadsheet';
import { fmtMs, stats, type BenchRow, type BenchScenario } from './run';

/**
 * Module B 批量报名 (issue #12): how long the check of an uploaded enrollment
 * file takes — 1,000 rows by default (BENCH_ROWS), a realistic file: people
 * in one or two courses, some of them already on the roster. Measured
 * apart: reading the .xlsx (exceljs), loading the context (courses, roster,
 * existing enrollments: four queries), the row validator alone, and the whole
 * `checkEnrollmentFile` as the action runs it; then one import of the file
 * (one transaction) for scale. BENCH_N repetitions (20) of each after one
 * warm-up. PGlite in a temp dir (the embedded default), one connection.
 */
const N = Number(process.env.BENCH_N ?? 20);
const ROWS = Number(process.env.BENCH_ROWS ?? 1000);
const DAY = 86_400_000;

async function timed(fn: () => Promise<unknown> | unknown): Promise<{ ms: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpu: (c.user + c.system) / 1000 };
}

async function series(label: string, fn: () => Promise<unknown> | unknown): Promise<BenchRow> {
  await fn();
  const runs: Array<{ ms: number; cpu: number }> = [];
  for (let i = 0; i < N; i++) runs.push(await timed(fn));
  const s = stats(runs.map((r) => r.ms));
  return { case: label, n: s.n, 'mean ms': fmtMs(s.mean), 'p50 ms': fmtMs(s.p50), 'p95 ms': fmtMs(s.p95), 'max ms': fmtMs(s.max), 'cpu ms (mean)': fmtMs(runs.reduce((a, r) => a + r.cpu, 0) / runs.length) };
}

const scenario: BenchScenario = {
  title: `Batch enrollment check, ${ROWS} rows`,
  run: async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accredit-bench-'));
    const h = await openDb({ pgliteDir: dir });
    try {
      const now = new Date();
      const courses = await h.db
        .insert(trainingCourses)
        .values(
          ['BENCH-1', 'BENCH-2'].map((code) => ({
            code,
            name: `基准课程${code}`,
            startsOn: new Date(now.getTime() + 40 * DAY).toISOString().slice(0, 10),
            endsOn: new Date(now.getTime() + 41 * DAY).toISOString().slice(0, 10),
            enrollOpensAt: new Date(now.getTime() - DAY),
            enrollClosesAt: new Date(now.getTime() + 30 * DAY),
            capacity: null,
            status: 'open',
          })),
        )
        .returning();
      const { user } = await createOrgAccount(h.db);
      const [session] = await h.db.insert(sessions).values({ userId: user.id, method: 'password' }).returning();
      const actor = await loadActor(h.db, user.id, session.id);

      // Half the people once per course; a third of them already on the roster (imported by an earlier file).
      const people = Array.from({ length: Math.ceil(ROWS / 2) }, (_, i) => ({ name: `人员${i}`, id: randomResidentId(i % 2 ? 'male' : 'female'), grade: ['高级', '中级', '初级'][i % 3] }));
      const line = (p: (typeof people)[number], code: string): Record<EnrollmentColumn, string> => ({ 姓名: p.name, 证件类型: '居民身份证', 证件号码: p.id, 性别: '', 出生日期: '', 学历: '大学本科', 职称: '工程师', 岗位: '', 技术等级: p.grade, 课程编号: code });
      const xlsx = async (lines: Array<Record<EnrollmentColumn, string>>) => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('报名表');
        ws.addRow(ENROLLMENT_COLUMNS.map((c) => (REQUIRED_COLUMNS.includes(c) ? `${c}*` : c)));
        for (const l of lines) ws.addRow(ENROLLMENT_COLUMNS.map((c) => l[c]));
        return Buffer.from(await wb.xlsx.writeBuffer());
      };
      const earlier = people.filter((_, i) => i % 3 === 0);
      await importEnrollmentFile(h.db, actor, { fileName: 'earlier.xlsx', content: await xlsx(earlier.map((p) => line(p, 'BENCH-1'))) }, { validOnly: false, now });
      // The file checked: everyone in BENCH-2 (the earlier ones are on the roster), the others also in BENCH-1.
      const lines = people.flatMap((p, i) => (i % 3 === 0 ? [line(p, 'BENCH-2')] : [line(p, 'BENCH-1'), line(p, 'BENCH-2')])).slice(0, ROWS);
      while (lines.length < ROWS) lines.push(line({ name: `补充${lines.length}`, id: randomResidentId(), grade: '中级' }, 'BENCH-2'));
      const content = await xlsx(lines);
      const file = { fileName: 'bench.xlsx', content };

      const parse = () => readSpreadsheet(file, { columns: ENROLLMENT_COLUMNS, maxBytes: 5 * 1024 * 1024, maxRows: 5000 });
      const parsed = await parse();
      const orgId = actor.kind === 'organization' ? actor.orgId : '';
      const ctx = await loadEnrollmentContext(h.db, orgId, parsed.rows, now);
      const check = await checkEnrollmentFile(h.db, actor, file, { now });
      if (check.errors.length || check.validRows !== ROWS) throw new Error(`the bench file should be clean: ${JSON.stringify(check.errors.slice(0, 3))}`);

      const rows: BenchRow[] = [
        await series(`read the .xlsx (${(content.length / 1024).toFixed(0)} KB, exceljs)`, parse),
        await series('load the context (4 queries)', () => loadEnrollmentContext(h.db, orgId, parsed.rows, now)),
        await series('validate the rows (pure)', () => validateEnrollmentRows(parsed.rows, ctx)),
        await series('checkEnrollmentFile (all of it, as the action)', () => checkEnrollmentFile(h.db, actor, file, { now })),
      ];
      const importRun = await timed(() => importEnrollmentFile(h.db, actor, file, { validOnly: false, now }));
      rows.push({ case: `importEnrollmentFile once (${check.validRows} enrollments, ${check.newPeople} new people, one transaction)`, n: 1, 'mean ms': fmtMs(importRun.ms), 'p50 ms': '', 'p95 ms': '', 'max ms': '', 'cpu ms (mean)': fmtMs(importRun.cpu) });
      return {
        rows,
        notes: [`${ROWS} rows: ${new Set(lines.map((l) => l.证件号码)).size} people, ${earlier.length} of them already on the roster (and enrolled in BENCH-1 by an earlier file); courses: ${courses.map((c) => c.code).join(', ')}. PGlite, one connection; load average at start ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs.`],
      };
    } finally {
      await h.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default scenario;
