import { expect } from 'vitest';
import { qualificationLevels } from '@/db/schema';
import { exportQualificationLevels } from '@/lib/modules/membership/qualification/services/levels';
import { nextSeq } from '../builders';
import { ACTOR_KEYS, APPLICANTS, changedTables, ctx, defineArea, fingerprint, forbidden, guard, outcomes, SIGNED_OUT, type Checks, type Coverage } from '../context';

/**
 * Module B, membership (lib/modules/membership): its settings and the
 * qualification levels with the renewal window (admins and module-B
 * reviewers), and the levels export route. The membership and qualification
 * flows themselves run on the workflow engine's actions (areas/platform.ts).
 */

/** Module B's settings (dues per grade, membership term, qualification levels): admins and module-B reviewers (staffNonAdmin reviews every module). */
const MODULE_B_KEEPERS: Omit<Coverage, 'input'> = {
  access: { kind: 'staff', roles: ['admin', 'reviewer'], module: 'membership' },
  refused: { ...SIGNED_OUT, ...forbidden(...APPLICANTS, 'staffFinance', 'reviewerAccreditation', 'reviewerExam') },
  allowed: ['staffNonAdmin', 'staffAdmin'],
  probe: 'staffNonAdmin',
};

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
  owns: ['lib/modules/membership'],
  coverage,
  guardedRoutes: { 'app/staff/membership/levels/export/route.ts': 'exportQualificationLevels(' },
  checks: { routes: routeChecks },
});
