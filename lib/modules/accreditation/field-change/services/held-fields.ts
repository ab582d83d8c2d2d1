import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { applications } from '@/db/schema';

/**
 * The business fields an institution holds: those of its approved
 * pre-application and of its approved field changes (the profile shows these).
 */
export async function heldFields(db: DbOrTx, orgId: string): Promise<Array<{ key: string; label: string }>> {
  const rows = await db
    .select({ data: applications.data })
    .from(applications)
    .where(and(eq(applications.orgId, orgId), eq(applications.status, 'approved'), inArray(applications.kind, ['accreditationPreApplication', 'accreditationFieldChange'])));
  const out = new Map<string, string>();
  for (const r of rows) {
    for (const f of ((r.data as { businessFields?: Array<{ key: string; label?: string }> }).businessFields ?? [])) out.set(f.key, f.label ?? f.key);
  }
  return [...out].map(([key, label]) => ({ key, label }));
}
