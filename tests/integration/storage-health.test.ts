import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbHandle } from '@/db/client';
import { checkHealth } from '@/lib/platform/health';
import { createTestDb } from '../helpers/db';
import { createTestStorage } from '../helpers/storage';

let h: DbHandle;
let s: Awaited<ReturnType<typeof createTestStorage>>;
beforeAll(async () => {
  [h, s] = await Promise.all([createTestDb(), createTestStorage()]);
});
afterAll(async () => {
  await h.close();
  await s.close();
});

describe('object storage (embedded S3 server)', () => {
  it('accepts a presigned PUT, reports head, serves a presigned GET and deletes', async () => {
    const key = `test/${Date.now()}/scan.pdf`;
    const body = new TextEncoder().encode('%PDF-1.4 测试文件');
    const putUrl = await s.storage.presignPut(key, { contentType: 'application/pdf', contentLength: body.byteLength, expiresIn: 60 });
    expect(putUrl).toContain('X-Amz-Expires=60');
    const put = await fetch(putUrl, { method: 'PUT', body, headers: { 'Content-Type': 'application/pdf' } });
    expect(put.status).toBe(200);

    expect(await s.storage.head(key)).toMatchObject({ size: body.byteLength, contentType: 'application/pdf' });
    const getUrl = await s.storage.presignGet(key, { filename: '扫描件.pdf' });
    const got = await fetch(getUrl);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-disposition')).toContain(encodeURIComponent('扫描件.pdf'));
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(body);
    expect(await s.storage.getRange(key, 4)).toEqual(body.slice(0, 4));

    await s.storage.delete(key);
    expect(await s.storage.head(key)).toBeNull();
    expect(await s.storage.get(key)).toBeNull();
  });
});

describe('embedded S3 writes', () => {
  it('answers a PUT only once the object is written: a HEAD right after it sees the whole size (100 uploads of 64 KB to 2 MB, 10 at a time)', async () => {
    const sizes: number[] = [];
    for (let round = 0; round < 10; round++) {
      await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const key = `race/${round}-${i}.bin`;
          const body = new Uint8Array(64 * 1024 * (1 + ((round * 10 + i) % 32))).fill(round + i);
          const url = await s.storage.presignPut(key, { contentType: 'application/octet-stream', contentLength: body.byteLength, expiresIn: 60 });
          expect((await fetch(url, { method: 'PUT', body, headers: { 'Content-Type': 'application/octet-stream' } })).status).toBe(200);
          const head = await s.storage.head(key);
          sizes.push((head?.size ?? -1) - body.byteLength);
        }),
      );
    }
    expect(sizes.filter((d) => d !== 0)).toEqual([]);
    expect(sizes).toHaveLength(100);
  });
});

describe('health', () => {
  it('is ok while database and storage answer', async () => {
    const r = await checkHealth({ db: async () => h.db, storage: async () => s.storage });
    expect(r.ok).toBe(true);
    expect(r.checks.database.ok).toBe(true);
    expect(r.checks.storage.ok).toBe(true);
  });

  it('reports a database that cannot be reached, within the timeout', async () => {
    const dead = await openDb({ url: 'postgres://nobody:x@127.0.0.1:1/none', migrate: false, poolMax: 1 });
    const started = Date.now();
    const r = await checkHealth({ db: async () => dead.db, storage: async () => s.storage }, 1500);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(r.ok).toBe(false);
    expect(r.checks.database.ok).toBe(false);
    expect(r.checks.storage.ok).toBe(true);
    await dead.close().catch(() => {});
  });

  it('reports storage once its server is killed, without hanging', async () => {
    await s.server.close();
    const started = Date.now();
    const r = await checkHealth({ db: async () => h.db, storage: async () => s.storage }, 1500);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(r.ok).toBe(false);
    expect(r.checks.storage.ok).toBe(false);
    expect(r.checks.database.ok).toBe(true);
  });
});

describe('the process storage in tests', () => {
  it('opens on a free port of its own, so a file calling actions without a storage never meets another on the demo port', async () => {
    // Hold the demo's port as a running demo (or a second test run) would; it may already be held.
    const net = await import('node:net');
    const blocker = net.createServer();
    await new Promise<void>((resolve) => {
      blocker.once('error', () => resolve());
      blocker.listen(4569, '127.0.0.1', () => resolve());
    });
    try {
      const { storageHandle } = await import('@/lib/platform/storage');
      const { storage, embedded } = await storageHandle();
      expect(embedded?.port).toBeGreaterThan(0);
      expect(embedded?.port).not.toBe(4569);
      const key = `probe/${Date.now()}.txt`;
      await storage.put(key, new TextEncoder().encode('ok'), 'text/plain');
      expect(await storage.head(key)).toMatchObject({ size: 2 });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
