import { expect } from 'vitest';
import { createStaff } from '@/db/seed/factories';
import { exportAudit } from '@/lib/modules/staff-admin/services/audit-search';
import { exportStaff } from '@/lib/modules/staff-admin/services/staff-users';
import { AppError } from '@/lib/platform/errors';
import { uniq } from '../builders';
import {
  ACTOR_KEYS,
  ADMIN_ONLY,
  APPLICANTS,
  changedTables,
  ctx,
  defineArea,
  fingerprint,
  guard,
  SIGNED_OUT,
  NON_ADMIN_STAFF,
  resolve,
  type ActorKey,
  type Checks,
  type Coverage,
  type Extra,
  type Refusal,
} from '../context';

/** Staff administration (lib/modules/staff-admin): admins only, on staff rows only; the audit-log export. */

const freshStaff = async () => (await createStaff(ctx.h.db, [{ role: 'reviewer', module: 'review' }], { name: '目标工作人员' })).id;

/** Staff actions are scoped to staff rows: an admin cannot reach an applicant's account through them. */
const applicantTarget = (input: (id: string) => unknown): Extra => ({
  actor: 'staffAdmin',
  code: 'NOT_FOUND',
  why: "an admin targeting an organization's main account (staff actions only reach staff rows)",
  input: async () => input(ctx.fx.ids.otherOrgMain.userId),
});

const coverage: Record<string, Coverage> = {
  // --- staff administration: admins only
  // --- 页脚设置 (filing numbers, support contacts): admins only
  updateSiteFooterDef: { ...ADMIN_ONLY, input: async () => ({ icp: '京ICP备12345678号-1', psb: '京公网安备11010502000001号', phone: '010-6786 0000', email: 'support@example.cn', qqGroup: '123456', hours: '工作日' }) },
  createStaffDef: { ...ADMIN_ONLY, input: async () => ({ name: '新同事', username: `staff_${uniq()}`, roles: [{ role: 'admin', module: '*' }] }) },
  setStaffRolesDef: {
    ...ADMIN_ONLY,
    input: async () => ({ id: await freshStaff(), roles: [{ role: 'admin', module: '*' }] }),
    extra: [
      applicantTarget((id) => ({ id, roles: [{ role: 'admin', module: '*' }] })),
      { actor: 'staffFinance', code: 'FORBIDDEN', why: 'a finance member granting itself admin', input: async () => ({ id: ctx.fx.ids.staffFinance.userId, roles: [{ role: 'admin', module: '*' }] }) },
    ],
  },
  setStaffStatusDef: {
    ...ADMIN_ONLY,
    input: async () => ({ id: await freshStaff(), status: 'disabled' }),
    extra: [
      applicantTarget((id) => ({ id, status: 'disabled' })),
      { actor: 'staffNonAdmin', code: 'FORBIDDEN', why: 'a non-admin disabling an admin', input: async () => ({ id: ctx.fx.ids.staffAdmin.userId, status: 'disabled' }) },
    ],
  },
  resetStaffPasswordDef: {
    ...ADMIN_ONLY,
    input: async () => ({ id: await freshStaff() }),
    extra: [
      applicantTarget((id) => ({ id })),
      { actor: 'staffNonAdmin', code: 'FORBIDDEN', why: "a non-admin resetting an admin's password", input: async () => ({ id: ctx.fx.ids.staffAdmin.userId }) },
    ],
  },
};

const routeChecks: Checks = {
  'the staff list export (exportStaff): admins only; refusals record nothing, the export is audited': async () => {
    for (const who of ACTOR_KEYS) {
      const before = await fingerprint();
      const g = await guard((a) => exportStaff(ctx.h.db, a, {}, { ip: '10.66.0.1' }), who);
      const expected = who === 'staffAdmin' ? 'ok' : who in SIGNED_OUT ? 'UNAUTHENTICATED' : 'FORBIDDEN';
      expect(g.code, who).toBe(expected);
      expect(changedTables(before, await fingerprint()), who).toEqual(g.code === 'ok' ? ['audit_log', 'seq:audit_log_id_seq'] : []);
    }
  },

  'the audit export (exportAudit) refuses everyone but admins and records nothing': async () => {
    const refused: Array<[ActorKey, Refusal]> = [
      ['anonymous', 'UNAUTHENTICATED'],
      ['revokedSession', 'UNAUTHENTICATED'],
      ['disabledAdmin', 'UNAUTHENTICATED'],
      ...[...APPLICANTS, ...NON_ADMIN_STAFF].map((k) => [k, 'FORBIDDEN'] as [ActorKey, Refusal]),
    ];
    for (const [who, code] of refused) {
      const before = await fingerprint();
      const err = await exportAudit(ctx.h.db, await resolve(who)(), {}, { ip: '10.66.0.1' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, who).toBeInstanceOf(AppError);
      expect((err as AppError).code, who).toBe(code);
      expect(changedTables(before, await fingerprint()), who).toEqual([]);
    }
    const before = await fingerprint();
    const ok = await exportAudit(ctx.h.db, await resolve('staffAdmin')(), {}, { ip: '10.66.0.1' });
    expect(ok.items.length).toBeGreaterThan(0);
    expect(changedTables(before, await fingerprint())).toContain('audit_log');
  },
};

export const area = defineArea({
  owns: ['lib/modules/staff-admin'],
  coverage,
  guardedRoutes: {
    'app/staff/(main)/audit/export/route.ts': 'exportAudit(',
    'app/staff/(main)/users/export/route.ts': 'exportStaff(',
  },
  checks: { routes: routeChecks },
});
