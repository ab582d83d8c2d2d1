import { expect } from 'vitest';
import ExcelJS from 'exceljs';
import { enterpriseStaff, trainingCourses } from '@/db/schema';
import { randomResidentId } from '@/db/seed/identity-data';
import { ENROLLMENT_COLUMNS, type EnrollmentColumn } from '@/lib/modules/membership/staff/enrollment-rows';
import { exportCourseEnrollments, staffCourses } from '@/lib/modules/membership/staff/courses';
import { exportRoster, readStaffPhoto } from '@/lib/modules/membership/staff/roster';
import { identityFromId, STAFF_PHOTO_SLOT } from '@/lib/modules/membership/staff/schemas';
import type { EnrollmentCheckResult } from '@/lib/modules/membership/staff/services/enrollment';
import { enrollmentTemplate } from '@/lib/modules/membership/staff/template';
import { completeUpload } from '@/lib/platform/documents/services/complete-upload';
import { requestUpload } from '@/lib/platform/documents/services/request-upload';
import { getStorage } from '@/lib/platform/storage';
import { jpegPhoto } from '../../../helpers/photos';
import { DAY_MS, nextSeq, uniq } from '../builders';
import {
  actor,
  ACTOR_KEYS,
  changedTables,
  ctx,
  defineArea,
  expectGuard,
  fingerprint,
  forbidden,
  guard,
  outcomes,
  SIGNED_OUT,
  STAFF,
  type Checks,
  type Coverage,
} from '../context';
import { MODULE_B_KEEPERS } from './membership';

/**
 * Module B 技术培训 (lib/modules/membership/staff): the enterprise's technical
 * staff roster and batch enrollment (organizations with the module: the main
 * account and sub-accounts granted it, each confined to its own
 * organization's rows), the training courses and the 报名须知 (admins and
 * module-B reviewers); the roster export, the photo, the template and the
 * enrollments export routes.
 */

/** The roster and batch enrollment: organizations with module B (the gate refuses individuals, a sub-account without it, staff). */
const ROSTER_ACCESS = { kind: 'applicant', module: 'membership' } as const;
const ROSTER_GATE = { ...SIGNED_OUT, ...forbidden('individual', 'subNoModules', ...STAFF) };

/** A person on the target organization's roster (written directly). */
async function targetPerson(over: Partial<typeof enterpriseStaff.$inferInsert> = {}) {
  const idNumber = randomResidentId();
  const [p] = await ctx.h.db
    .insert(enterpriseStaff)
    .values({ orgId: ctx.fx.targetOrgId, name: `目标人员${uniq()}`, idType: 'resident_id', idNumber, ...identityFromId('resident_id', idNumber), grade: 'intermediate', ...over })
    .returning();
  return p;
}

/** A roster form as the browser sends it. */
const personForm = (over: Record<string, unknown> = {}) => ({ name: `人员${uniq()}`, idType: 'resident_id', idNumber: randomResidentId(), grade: 'senior', title: '工程师', certificates: [], ...over });

/** A course (written directly): open for enrollment now unless `draft`. */
async function trainingCourse(status: 'draft' | 'open' = 'open') {
  const now = Date.now();
  const [c] = await ctx.h.db
    .insert(trainingCourses)
    .values({
      code: `UA-${uniq().toUpperCase()}`,
      name: `越权测试课程${uniq()}`,
      startsOn: new Date(now + 40 * DAY_MS).toISOString().slice(0, 10),
      endsOn: new Date(now + 41 * DAY_MS).toISOString().slice(0, 10),
      enrollOpensAt: new Date(now - DAY_MS),
      enrollClosesAt: new Date(now + 30 * DAY_MS),
      status,
    })
    .returning();
  return c;
}

const courseForm = (over: Record<string, unknown> = {}) => ({
  code: `UA-${uniq().toUpperCase()}`,
  name: '越权测试课程',
  startsOn: '2031-03-10',
  endsOn: '2031-03-11',
  enrollOpensAt: '2031-01-05T09:00',
  enrollClosesAt: '2031-03-01T17:00',
  capacity: '',
  ...over,
});

/** An enrollment file (.xlsx, base64) with one row per line. */
async function enrollmentFile(lines: Array<Partial<Record<EnrollmentColumn, string>>>) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('报名表');
  ws.addRow([...ENROLLMENT_COLUMNS]);
  for (const l of lines) ws.addRow(ENROLLMENT_COLUMNS.map((c) => l[c] ?? ''));
  return { fileName: '报名表.xlsx', contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}

const ROSTER_KEEPERS = (extra: Partial<Coverage> = {}): Omit<Coverage, 'input'> => ({
  access: ROSTER_ACCESS,
  refused: ROSTER_GATE,
  allowed: ['targetOrgMain', 'subAllModules', 'otherOrgMain'],
  probe: 'targetOrgMain',
  ...extra,
});

/** Writes to one person of the target's roster: another organization passes the gate and finds nothing (the query scopes by organization). */
const TARGET_ROSTER: Omit<Coverage, 'input'> = {
  access: ROSTER_ACCESS,
  refused: { ...ROSTER_GATE, otherOrgMain: 'NOT_FOUND' },
  allowed: ['targetOrgMain', 'subAllModules'],
  probe: 'targetOrgMain',
};

const coverage: Record<string, Coverage> = {
  // --- 技术培训, the roster: each organization adds to its own roster (so another organization's add is its own, allowed)
  addStaffPersonDef: { ...ROSTER_KEEPERS(), input: async () => personForm() },
  updateStaffPersonDef: {
    ...TARGET_ROSTER,
    input: async () => {
      const p = await targetPerson();
      return { ...personForm({ name: p.name, idNumber: p.idNumber, grade: 'junior', title: '高级工程师' }), id: p.id };
    },
  },
  removeStaffPersonDef: { ...TARGET_ROSTER, input: async () => ({ id: (await targetPerson()).id }) },

  // --- 技术培训, batch enrollment: checked against the caller's own roster, imported into the caller's own organization
  checkEnrollmentFileDef: {
    ...ROSTER_KEEPERS({
      allowed: ['targetOrgMain', 'subAllModules'],
      scoped: {
        actors: ['otherOrgMain'],
        why: "checked against its own roster: the target's person is unknown to it",
        check: (d) => expect((d as EnrollmentCheckResult).errors).toEqual([]),
      },
      // The target's roster holds the number under another name: the probe's answer says so (it read the target's rows).
      readOnly: { check: (d) => expect((d as EnrollmentCheckResult).errors.map((e) => e.column)).toEqual(['姓名']) },
    }),
    input: async () => {
      const p = await targetPerson({ name: '名单中的姓名' });
      return enrollmentFile([{ 姓名: '文件中的姓名', 证件类型: '居民身份证', 证件号码: p.idNumber, 技术等级: '中级', 课程编号: (await trainingCourse()).code }]);
    },
  },
  importEnrollmentFileDef: {
    ...ROSTER_KEEPERS(),
    input: async () => ({
      ...(await enrollmentFile([{ 姓名: `报名${uniq()}`, 证件类型: '居民身份证', 证件号码: randomResidentId(), 技术等级: '初级', 课程编号: (await trainingCourse()).code }])),
      validOnly: false,
    }),
  },

  // --- 技术培训, courses and the 报名须知: admins and module-B reviewers
  createCourseDef: { ...MODULE_B_KEEPERS, input: async () => courseForm() },
  updateCourseDef: { ...MODULE_B_KEEPERS, input: async () => ({ ...courseForm({ name: '改名后的课程', capacity: '20' }), id: (await trainingCourse('draft')).id }) },
  setCourseStatusDef: { ...MODULE_B_KEEPERS, input: async () => ({ id: (await trainingCourse('draft')).id, status: 'open' }) },
  updateEnrollmentNoticeDef: { ...MODULE_B_KEEPERS, input: async () => ({ title: '报名须知', body: `须知内容第${nextSeq()}版` }) },
};

/** A photo on the target's roster: uploaded by the target organization into the staff-photo slot, attached to a person. */
async function targetPersonWithPhoto() {
  const storage = await getStorage();
  const bytes = await jpegPhoto();
  const grant = await requestUpload(ctx.h.db, storage, await actor('targetOrgMain'), { slot: STAFF_PHOTO_SLOT, fileName: '照片.jpg', size: bytes.byteLength, contentType: 'image/jpeg' });
  expect((await fetch(grant.url, { method: 'PUT', body: new Uint8Array(bytes), headers: grant.headers })).status).toBe(200);
  const doc = await completeUpload(ctx.h.db, storage, await actor('targetOrgMain'), { ticket: grant.ticket });
  return targetPerson({ photoDocumentId: doc.id });
}

/** Every actor's outcome of an export that audits itself: a refusal changes nothing, an answer writes its audit row only. */
async function expectAuditedExport(fn: (a: Awaited<ReturnType<typeof actor>>) => Promise<unknown>, expected: Record<string, string>, onOk?: (who: string, value: unknown) => void) {
  const got: Record<string, string> = {};
  for (const who of ACTOR_KEYS) {
    const before = await fingerprint();
    const g = await guard(fn, who);
    got[who] = g.code;
    const changed = changedTables(before, await fingerprint());
    if (g.code === 'ok') {
      expect(changed, who).toEqual(['audit_log', 'seq:audit_log_id_seq']);
      onOk?.(who, g.value);
    } else expect(changed, who).toEqual([]);
  }
  expect(got).toEqual(expected);
}

const ROSTER_OK = ['targetOrgMain', 'subAllModules', 'otherOrgMain'] as const;

const routeChecks: Checks = {
  "培训管理's course list export (staffCourses): admins and module-B reviewers": async () => {
    await expectGuard((a) => staffCourses(ctx.h.db, a), { ...outcomes(['staffNonAdmin', 'staffAdmin'], 'FORBIDDEN'), ...SIGNED_OUT });
  },
  "the roster export (exportRoster): each organization with module B exports its own roster only; refused to everyone else": async () => {
    const p = await targetPerson({ name: '导出目标' });
    await expectAuditedExport((a) => exportRoster(ctx.h.db, a, { ip: null, locale: 'zh-CN' }), { ...outcomes([...ROSTER_OK], 'FORBIDDEN'), ...SIGNED_OUT }, (who, value) => {
      const { rows } = value as { rows: number };
      // The other organization's roster is empty: the target's person never leaves through it.
      if (who === 'otherOrgMain') expect(rows, who).toBe(0);
      else expect(rows, who).toBeGreaterThan(0);
    });
    expect(p.orgId).toBe(ctx.fx.targetOrgId);
  },

  'the enrollment template (enrollmentTemplate): organizations with module B; refused to everyone else': async () => {
    await trainingCourse();
    await expectGuard((a) => enrollmentTemplate(ctx.h.db, a, new Date()), { ...outcomes([...ROSTER_OK], 'FORBIDDEN'), ...SIGNED_OUT });
  },

  "a roster photo (readStaffPhoto): the person's organization (main account, sub-account with the module) and module-B staff; 404 for anyone else": async () => {
    const p = await targetPersonWithPhoto();
    const storage = await getStorage();
    await expectGuard((a) => readStaffPhoto(ctx.h.db, storage, a, p.id), outcomes(['targetOrgMain', 'subAllModules', 'staffNonAdmin', 'staffAdmin']));
  },

  "a course's enrollments export (exportCourseEnrollments): admins and module-B reviewers only": async () => {
    const c = await trainingCourse();
    await expectAuditedExport((a) => exportCourseEnrollments(ctx.h.db, a, c.id, { ip: null, locale: 'zh-CN' }), { ...outcomes(['staffNonAdmin', 'staffAdmin'], 'FORBIDDEN'), ...SIGNED_OUT });
  },
};

export const area = defineArea({
  owns: ['lib/modules/membership/staff'],
  coverage,
  guardedRoutes: {
    'app/portal/membership/staff/export/route.ts': 'exportRoster(',
    'app/portal/membership/training/template/route.ts': 'enrollmentTemplate(',
    'app/api/membership/staff/[id]/photo/route.ts': 'readStaffPhoto(',
    'app/staff/membership/training/[id]/export/route.ts': 'exportCourseEnrollments(',
    'app/staff/membership/training/export/route.ts': 'staffCourses(',
  },
  checks: { routes: routeChecks },
});
