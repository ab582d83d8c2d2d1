import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { applications } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { createStaff } from '@/db/seed/factories';
import { randomCreditCode } from '@/db/seed/identity-data';
import { preApplicationFormSchema } from '@/lib/modules/accreditation/pre-application/schemas';
import { submitPreApplication } from '@/lib/modules/accreditation/pre-application/services/submit';
import { queueCounts, queueCountsCached } from '@/lib/platform/workflow';
import { actorOf } from '../helpers/actors';
import { createTestDb } from '../helpers/db';

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

let seq = 0;
async function submit() {
  seq++;
  const input = preApplicationFormSchema.parse({
    contact: { name: '王联系', phone: '0571-88880000', mobile: '13812345678', email: `counts${seq}-${Date.now()}@example.com` },
    entity: { name: `杭州计数检测有限公司${seq}`, code: randomCreditCode(), address: '杭州市西湖区文三路1号', postalCode: '310000', legalRepresentative: '赵法人' },
    businessFields: { laboratory: { selected: true, description: '化学检测' }, inspectionBody: { selected: false, description: '' }, biobank: { selected: false, description: '' } },
  });
  return submitPreApplication(h.db, input, null);
}
const n = (rows: Array<{ kind: string; status: string; n: number }>, status: string) => rows.find((r) => r.kind === 'accreditationPreApplication' && r.status === status)?.n ?? 0;

describe('queue counts kept between pages', () => {
  it('are the counts of the query itself, and follow every write to an application at once', async () => {
    const reviewer = await actorOf(h.db, (await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);
    const filter = { kind: 'accreditationPreApplication' };
    const first = await queueCountsCached(h.db, reviewer, filter);
    expect(first).toEqual(await queueCounts(h.db, reviewer, filter));

    // A new application moves the latest change: the next page counts it, with no wait.
    const app = await submit();
    await h.db.update(applications).set({ status: 'pending', updatedAt: new Date() }).where(eq(applications.id, app.id));
    const after = await queueCountsCached(h.db, reviewer, filter);
    expect(n(after, 'pending')).toBe(n(first, 'pending') + 1);
    expect(after).toEqual(await queueCounts(h.db, reviewer, filter));

    // Another staff scope or another filter never reads these counts.
    const other = await actorOf(h.db, (await createStaff(h.db, [{ role: 'reviewer', module: 'membership' }])).id);
    expect(n(await queueCountsCached(h.db, other, filter), 'pending')).toBe(0);
    expect(await queueCountsCached(h.db, reviewer, { ...filter, q: app.number })).toEqual([{ kind: 'accreditationPreApplication', status: 'pending', n: 1 }]);
  });

  it('are kept while nothing changed: a row written with an older time than the latest is seen by the query, not yet by the kept counts', async () => {
    const reviewer = await actorOf(h.db, (await createStaff(h.db, [{ role: 'reviewer', module: 'accreditation' }])).id);
    const filter = { kind: 'accreditationPreApplication' };
    const app = await submit();
    await h.db.update(applications).set({ status: 'pending', updatedAt: new Date() }).where(eq(applications.id, app.id));
    const kept = await queueCountsCached(h.db, reviewer, filter);
    // Not something the app does (every write sets updated_at to now): it shows the counts come from the cache.
    const old = await submit();
    await h.db.update(applications).set({ status: 'pending', updatedAt: sql`now() - interval '1 day'` }).where(eq(applications.id, old.id));
    expect(await queueCountsCached(h.db, reviewer, filter)).toEqual(kept);
    expect(n(await queueCounts(h.db, reviewer, filter), 'pending')).toBe(n(kept, 'pending') + 1);
  });
});
