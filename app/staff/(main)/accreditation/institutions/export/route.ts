import { z } from 'zod';
import { INSTITUTION_STAFF_ACCESS } from '@/lib/modules/accreditation/institutions/services/access';
import { exportInstitutions } from '@/lib/modules/accreditation/institutions/services/registry';
import { exportRoute } from '@/lib/platform/http/export-route';

export const dynamic = 'force-dynamic';

/** GET /staff/accreditation/institutions/export?q=: 已获认可机构名录 as on screen (the search applied) as .xlsx, audited. */
export const GET = exportRoute({
  access: INSTITUTION_STAFF_ACCESS,
  query: z.object({ q: z.string().max(200).optional() }),
  max: 20_000,
  read: ({ db, actor, query }, limit) => exportInstitutions(db, actor, { q: query.q }, limit),
  audit: ({ query }) => ({ targetType: 'accredited_institutions', detail: { filter: { q: query.q?.trim().slice(0, 100) || null } } }),
  sheet: ({ t, f }) => {
    const c = (k: string) => t(`accreditedInstitutions.list.${k}`);
    return {
      name: t('accreditedInstitutions.staff.title'),
      ascii: 'accredited-institutions',
      columns: [
        { header: c('certificateNumber'), width: 22, value: (r) => r.certificateNumber },
        { header: c('name'), width: 40, value: (r) => r.name },
        { header: c('contactEmail'), width: 28, value: (r) => r.contactEmail },
        { header: c('username'), width: 16, value: (r) => r.username ?? '' },
        { header: c('accountState'), width: 10, value: (r) => c(`states.${r.accountState}`) },
        { header: c('updated'), width: 18, value: (r) => f.dateTime(r.updatedAt, 'datetime') },
      ],
    };
  },
});
