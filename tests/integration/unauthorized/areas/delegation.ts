import { createStaff } from '@/db/seed/factories';
import { beijingDay, createDelegation, exportDelegations } from '@/lib/platform/delegation';
import { actor, APPLICANTS, ctx, defineArea, expectGuard, forbidden, notFound, outcomes, SIGNED_OUT, STAFF, type Checks, type Coverage } from '../context';

/**
 * Delegation (lib/platform/delegation): any staff member names a substitute for
 * a role they hold (the handler refuses a role they do not hold, or a
 * substitute without it, next to the field); a delegation is revoked by its
 * delegator or an admin — for anyone else it does not exist. The engine's use
 * of active and expired delegations is tested in delegation.test.ts and in
 * areas/review.ts.
 */

/** A leader the fixture staff member (staffNonAdmin, a leader among its roles) names as substitute. */
let substitute: Promise<string> | undefined;
const substituteId = () => (substitute ??= createStaff(ctx.h.db, [{ role: 'review_leader' }], { name: '代理组长' }).then((u) => u.id));
let offset = 0;
/** Days that do not overlap the previous call's, so each input is a valid new delegation. */
const days = () => {
  const start = new Date(Date.now() + (offset += 3) * 86_400_000);
  return { startsOn: beijingDay(start), endsOn: beijingDay(new Date(start.getTime() + 86_400_000)) };
};

const coverage: Record<string, Coverage> = {
  createDelegationDef: {
    access: { kind: 'staff', roles: 'any' },
    input: async () => ({ role: 'review_leader', module: '*', substituteId: await substituteId(), ...days(), reason: '出差' }),
    refused: { ...SIGNED_OUT, ...forbidden(...APPLICANTS) },
    // The gate admits every staff member; the handler accepts only a role the caller holds (staffNonAdmin's).
    allowed: STAFF,
    probe: 'staffNonAdmin',
  },
  revokeDelegationDef: {
    access: { kind: 'staff', roles: 'any' },
    input: async () => ({ id: (await createDelegation(ctx.h.db, await actor('staffNonAdmin'), { role: 'review_leader', module: '*', substituteId: await substituteId(), ...days() }, { now: new Date() })).id }),
    refused: {
      ...SIGNED_OUT,
      ...forbidden(...APPLICANTS),
      // Scoped by object: another staff member's delegation does not exist for them.
      ...notFound('staffFinance', 'reviewerAccreditation', 'reviewerExam'),
    },
    allowed: ['staffNonAdmin', 'staffAdmin'],
    probe: 'staffNonAdmin',
  },
};

const routeChecks: Checks = {
  "代理设置's export (exportDelegations): staff only (each their own; admins everyone's)": async () => {
    await expectGuard((a) => exportDelegations(ctx.h.db, a, new Date()), { ...outcomes(STAFF, 'FORBIDDEN'), ...SIGNED_OUT });
  },
};

export const area = defineArea({
  owns: ['lib/platform/delegation'],
  coverage,
  guardedRoutes: { 'app/staff/(main)/delegations/export/route.ts': 'exportDelegations(' },
  checks: { routes: routeChecks },
});
