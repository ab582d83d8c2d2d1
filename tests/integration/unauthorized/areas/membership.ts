import crypto from 'node:crypto';
import { expect } from 'vitest';
import { qualificationLevels, qualificationOverdueStages, qualifications } from '@/db/schema';
import { createOrgAccount } from '@/db/seed/factories';
import { exportOverdue } from '@/lib/modules/membership/overdue/queries';
import { addDays, chinaDay, DEFAULT_OVERDUE_STAGES } from '@/lib/modules/membership/overdue/stages';
import { exportQualificationLevels } from '@/lib/modules/membership/qualification/services/levels';
import { nextSeq } from '../builders';
import { ACTOR_KEYS, APPLICANTS, changedTables, ctx, defineArea, fingerprint, forbidden, guard, outcomes, SIGNED_OUT, type Checks, type Coverage } from '../context';

/**
 * Module B, membership (lib/modules/membership): its settings and the
 * handling of overdue annual reviews (reverse a stage, extend the due date,
 * the overdue stages, the 年审逾期 export) — admins and module-B reviewers
 * only, every qualification alike (the association's own list). The
 * membership flow itself runs on the workflow engine's actions
 * (areas/platform.ts).
 */

/** Module B's keepers: admins and module-B reviewers (staffNonAdmin reviews every module). */
export const MODULE_B_KEEPERS: Omit<Coverage, 'input'> = {
  access: { kind: 'staff', roles: ['admin', 'reviewer'], module: 'membership' },
  refused: { ...SIGNED_OUT, ...forbidden(...APPLICANTS, 'staffFinance', 'reviewerAccreditation', 'reviewerExam') },
  allowed: ['staffNonAdmin', 'staffAdmin'],
  probe: 'staffNonAdmin',
};

/** A fresh enterprise holding a qualification whose annual review is 20 days overdue, with the warning of day 15 fired. */
async function overdueQualification(): Promise<{ qualificationId: string; stageId: string; dueOn: string }> {
  const db = ctx.h.db;
  const { org } = await createOrgAccount(db);
  const [level] = await db
    .insert(qualificationLevels)
    .values({ code: `U${crypto.randomBytes(4).toString('hex')}`, name: '二级', rank: 1000 + crypto.randomInt(1, 1_000_000) })
    .returning();
  const dueOn = addDays(chinaDay(new Date()), -20);
  const [q] = await db
    .insert(qualifications)
    .values({ orgId: org.id, levelId: level.id, validUntil: new Date(Date.now() + 700 * 86_400_000), reviewDueOn: dueOn })
    .returning();
  const [stage] = await db.insert(qualificationOverdueStages).values({ qualificationId: q.id, cycleDueOn: dueOn, stage: 'warn-15', action: 'warn' }).returning();
  return { qualificationId: q.id, stageId: stage.id, dueOn };
}

/** One qualification level the allowed calls edit (created on first use, not at module load). */
let level: Promise<string> | undefined;
const testLevel = () =>
  (level ??= ctx.h.db
    .insert(qualificationLevels)
    .values({ code: 'UA-LEVEL', name: '测试等级', rank: 98, validityMonths: 36, requirements: [{ grade: 'intermediate', count: 2 }], materials: ['business_license'] })
    .returning({ id: qualificationLevels.id })
    .then(([row]) => row.id));

const coverage: Record<string, Coverage> = {
  // --- module B: its settings (the membership flow itself runs on the engine's actions, covered in areas/platform.ts)
  updateMembershipSettingsDef: {
    ...MODULE_B_KEEPERS,
    // A new term each time, so an allowed call changes the database.
    input: async () => ({ dues: { regular: '2000', council: '5000', executive: '10000', vicePresident: '20000' }, termMonths: String(13 + (nextSeq() % 100)) }),
  },

  // --- module B: overdue annual reviews (lib/modules/membership/overdue)
  reverseOverdueStageDef: {
    ...MODULE_B_KEEPERS,
    input: async () => ({ stageId: (await overdueQualification()).stageId, reason: '核实后撤销' }),
  },
  extendReviewDueDef: {
    ...MODULE_B_KEEPERS,
    input: async () => ({ qualificationId: (await overdueQualification()).qualificationId, reviewDueOn: addDays(chinaDay(new Date()), 10), reason: '同意延期' }),
  },
  updateOverdueStagesDef: {
    ...MODULE_B_KEEPERS,
    // The shipped stages, the first one's SMS switched on or off: a valid change each time.
    input: async () => ({ stages: DEFAULT_OVERDUE_STAGES.map((s, i) => ({ ...s, offsetDays: String(s.offsetDays), sms: i === 0 ? nextSeq() % 2 === 0 : s.sms })) }),
  },

  // --- module B: 资质等级设置 (the five qualification kinds run on the engine's actions)
  saveQualificationLevelDef: {
    ...MODULE_B_KEEPERS,
    // The same level each time with a new description: an allowed call changes the row and audits it.
    input: async () => ({ id: await testLevel(), code: 'UA-LEVEL', name: '测试等级', rank: 98, validityMonths: 36, description: `说明${nextSeq()}`, active: true, requirements: { senior: 0, intermediate: 2, junior: 0 }, materials: ['business_license'] }),
  },
  updateQualificationSettingsDef: {
    ...MODULE_B_KEEPERS,
    input: async () => ({ renewalWindowDays: 30 + (nextSeq() % 300) }),
  },
};

const routeChecks: Checks = {
  'the 年审逾期 export (exportOverdue): admins and module-B reviewers only; recorded in the audit log': async () => {
    const { qualificationId } = await overdueQualification();
    const got: Record<string, string> = {};
    for (const who of ACTOR_KEYS) {
      const before = await fingerprint();
      const g = await guard((a) => exportOverdue(ctx.h.db, a, {}), who);
      got[who] = g.code;
      const changed = changedTables(before, await fingerprint());
      if (g.code === 'ok') {
        expect(g.value!.items.some((x) => x.qualificationId === qualificationId), who).toBe(true);
        expect(changed, who).toEqual(['audit_log', 'seq:audit_log_id_seq']);
      } else expect(changed, who).toEqual([]);
    }
    expect(got).toEqual({ ...outcomes(['staffNonAdmin', 'staffAdmin'], 'FORBIDDEN'), ...SIGNED_OUT });
  },
  'the qualification levels export (exportQualificationLevels): admins and module-B reviewers; recorded in the audit log, a refusal records nothing': async () => {
    await testLevel();
    const got: Record<string, string> = {};
    for (const who of ACTOR_KEYS) {
      const before = await fingerprint();
      const g = await guard((a) => exportQualificationLevels(ctx.h.db, a, { ip: '10.66.0.1' }), who);
      got[who] = g.code;
      const changed = changedTables(before, await fingerprint());
      if (g.code === 'ok') {
        expect(g.value!.some((l) => l.code === 'UA-LEVEL'), who).toBe(true);
        expect(changed, who).toEqual(['audit_log', 'seq:audit_log_id_seq']);
      } else expect(changed, who).toEqual([]);
    }
    expect(got).toEqual({ ...outcomes(['staffNonAdmin', 'staffAdmin'], 'FORBIDDEN'), ...SIGNED_OUT });
  },
};

export const area = defineArea({
  owns: ['lib/modules/membership/services', 'lib/modules/membership/overdue', 'lib/modules/membership/qualification'],
  coverage,
  guardedRoutes: { 'app/staff/membership/overdue/export/route.ts': 'exportOverdue(', 'app/staff/membership/levels/export/route.ts': 'exportQualificationLevels(' },
  checks: { routes: routeChecks },
});
