import { z } from 'zod';
import { DELEGATION_STATES, exportDelegations } from '@/lib/platform/delegation';
import { exportRoute } from '@/lib/platform/http/export-route';

export const dynamic = 'force-dynamic';

/** GET /staff/delegations/export?state=: 代理设置's list (an admin: every staff member's delegations) with the state filter applied, as .xlsx, audited. */
export const GET = exportRoute({
  access: { kind: 'staff', roles: 'any' },
  query: z.object({ state: z.enum(DELEGATION_STATES).optional().catch(undefined) }),
  max: 5_000,
  read: async ({ db, actor, query, now }, limit) => (await exportDelegations(db, actor, now(), query.state)).slice(0, limit),
  audit: ({ query }) => ({ targetType: 'staff_delegations', detail: { filter: { state: query.state ?? null } } }),
  sheet: ({ t }) => {
    const c = (k: string) => t(`delegation.columns.${k}`);
    const role = (r: string, m: string) => `${t(`workflow.roles.${r}`)}${m === '*' ? '' : `（${t(`modules.${m}.name`)}）`}`;
    return {
      name: t('delegation.title'),
      ascii: 'delegations',
      columns: [
        { header: c('delegator'), width: 14, value: (r) => r.delegatorName },
        { header: c('substitute'), width: 14, value: (r) => r.substituteName },
        { header: c('role'), width: 24, value: (r) => role(r.role, r.module) },
        { header: c('period'), width: 24, value: (r) => `${r.startsOn} — ${r.endsOn}` },
        { header: c('reason'), width: 30, value: (r) => r.reason ?? '' },
        { header: c('state'), width: 10, value: (r) => t(`delegation.states.${r.state}`) },
      ],
    };
  },
});
