import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { applications, certificates, documents, outbox, users } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { seedDemo } from '@/db/seed/demo';
import { DEMO_PERSONNEL } from '@/db/seed/demo-personnel';
import { PERSONNEL_CERTIFICATE } from '@/lib/modules/personnel/certificates';
import { myEnrollmentStatus } from '@/lib/modules/personnel/enrollment/queries';
import { openPlansFor } from '@/lib/modules/personnel/plans/queries';
import { loadPersonnelProfile } from '@/lib/modules/personnel/services/profile';
import { runJob } from '@/lib/platform/jobs';
import { actorOf } from '../helpers/actors';
import { createTestDb } from '../helpers/db';
import { createTestStorage } from '../helpers/storage';

let h: DbHandle;
let s: Awaited<ReturnType<typeof createTestStorage>>;
beforeAll(async () => {
  [h, s] = await Promise.all([createTestDb(), createTestStorage()]);
  await seedDemo(h.db);
});
afterAll(async () => {
  await h.close();
  await s.close();
});

const userOf = async (username: string) => (await h.db.select().from(users).where(eq(users.username, username)))[0];

describe('module C demo data', () => {
  it('open exam plans for each enrollment kind', async () => {
    expect(await openPlansFor(h.db, 'inspection', 'RQY')).toHaveLength(1);
    expect(await openPlansFor(h.db, 'testing', 'UT-Ⅱ')).toHaveLength(1);
    expect(await openPlansFor(h.db, 'typeTest', 'XS-DT')).toHaveLength(1);
  });

  it('李明 holds a valid certificate and one due for renewal, and an enrollment with its result; 王芳 an enrollment returned for changes', async () => {
    const liming = await userOf('inspector');
    const certs = await h.db.select().from(certificates).where(and(eq(certificates.holderUserId, liming.id), eq(certificates.type, PERSONNEL_CERTIFICATE)));
    expect(certs).toHaveLength(2);
    const soon = Date.now() + 90 * 86_400_000;
    expect(certs.filter((c) => c.status === 'valid' && c.validUntil!.getTime() > soon)).toHaveLength(1);
    expect(certs.filter((c) => c.status === 'valid' && c.validUntil!.getTime() < soon && c.validUntil!.getTime() > Date.now())).toHaveLength(1);
    const limingActor = await actorOf(h.db, liming.id);
    expect((await loadPersonnelProfile(h.db, liming.id)).complete).toBe(true);
    expect(await myEnrollmentStatus(h.db, limingActor)).toMatchObject([{ review: 'approved', certification: 'pending', result: { outcome: 'pass', theoryScore: 86, practicalScore: 91 } }]);

    const wangfang = await userOf('tester');
    expect(await myEnrollmentStatus(h.db, await actorOf(h.db, wangfang.id))).toMatchObject([{ review: 'returned', returnOpinion: '检验工作业绩证明未加盖单位公章，请补充后重新提交。', deletable: true }]);
    expect(DEMO_PERSONNEL.map((p) => p.username)).toEqual(['inspector', 'tester']);
  });

  it('the demo files are stored by their job once storage runs', async () => {
    const liming = await userOf('inspector');
    const apps = await h.db.select({ id: applications.id }).from(applications).where(eq(applications.applicantUserId, liming.id));
    const docs = await h.db.select().from(documents).where(inArray(documents.applicationId, apps.map((a) => a.id)));
    expect(docs.map((d) => d.slot).sort()).toEqual(['education_cert', 'id_card', 'signed_form', 'vision_cert']);
    const jobs = (await h.db.select().from(outbox).where(eq(outbox.channel, 'job'))).filter((o) => (o.payload as { type: string }).type === 'personnel-demo-file');
    for (const j of jobs) await runJob(h.db, j.payload, { outboxId: j.id, storage: s.storage });
    for (const d of docs) expect((await s.storage.head(d.storageKey))?.size, d.slot).toBe(d.size);
  });
});
