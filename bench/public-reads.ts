import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import '../lib/modules';
import { openDb } from '../db/client';
import { seedDemo } from '../db/seed/demo';
import { openExams, openExamsNow, OPEN_EXAMS_CACHE } from '../lib/modules/exam/catalog';
import { sharedStampedCache } from '../lib/platform/cache/stamped-cache';
import { countPublishedNotices, getPublishedNotice, latestPublishedNotices, listPublishedNotices, PUBLIC_NOTICES_CACHE, publicNotice, publishedNoticesPage } from '../lib/platform/content/notices';
import { allSupportContacts, FILING_SETTING, getSetting, PUBLIC_SETTINGS_CACHE, publicSetting, readAllSupportContacts, settingDefaults, setSetting, SUPPORT_SETTING } from '../lib/platform/settings';
import { fmtMs, stats, type BenchRow, type BenchScenario } from './run';

/**
 * What the public pages read from the database per request (issue #17 point
 * 7), on the embedded database with the demo data: each page's reads as
 * they were (the read models queried on every request) and as they are now
 * (kept per instance, lib/platform/cache/stamped-cache.ts), BENCH_N calls
 * each (500). The footer's reads are part of every page (the support
 * contacts, kept now; the filing numbers, still read per request by
 * components/layout/site-footer.tsx). The stamps' own queries — paid at most
 * once per 2 s per instance — are timed separately.
 */
const N = Number(process.env.BENCH_N ?? 500);

async function timed(fn: () => Promise<unknown>): Promise<{ ms: number[]; cpu: number }> {
  for (let i = 0; i < 20; i++) await fn();
  const ms: number[] = [];
  const c0 = process.cpuUsage();
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  const c = process.cpuUsage(c0);
  return { ms, cpu: (c.user + c.system) / 1000 / N };
}

const scenario: BenchScenario = {
  title: 'Public pages: data reads per request, queried vs kept',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accredit-bench-'));
    const h = await openDb({ pgliteDir: dir });
    try {
      const db = h.db;
      for (const [k, v] of Object.entries(settingDefaults())) await setSetting(db, k, v);
      await seedDemo(db);
      const [first] = await listPublishedNotices(db, { limit: 1 });
      const footerBefore = () => Promise.all([readAllSupportContacts(db), getSetting(db, FILING_SETTING)]);
      const footerNow = () => Promise.all([allSupportContacts(db), getSetting(db, FILING_SETTING)]);
      const pages: Array<[string, () => Promise<unknown>, () => Promise<unknown>]> = [
        ['home /', () => Promise.all([listPublishedNotices(db, { limit: 8 }), openExams(db), footerBefore()]), () => Promise.all([latestPublishedNotices(db, { limit: 8 }), openExamsNow(db), footerNow()])],
        [
          'notices /notices',
          () => Promise.all([countPublishedNotices(db, {}).then(() => listPublishedNotices(db, { limit: 20, offset: 0 })), footerBefore()]),
          () => Promise.all([publishedNoticesPage(db, { page: 1, pageSize: 20 }), footerNow()]),
        ],
        // generateMetadata and the page each read the notice.
        ['notice /notices/[id]', () => Promise.all([getPublishedNotice(db, first.id), getPublishedNotice(db, first.id), footerBefore()]), () => Promise.all([publicNotice(db, first.id), publicNotice(db, first.id), footerNow()])],
        ['help /help', () => Promise.all([getSetting(db, SUPPORT_SETTING), footerBefore()]), () => Promise.all([publicSetting(db, SUPPORT_SETTING), footerNow()])],
        ['verify /verify', () => footerBefore(), () => footerNow()],
      ];
      const rows: BenchRow[] = [];
      for (const [page, before, now] of pages) {
        const b = await timed(before);
        const a = await timed(now);
        const sb = stats(b.ms);
        const sa = stats(a.ms);
        rows.push({ page, 'queried p50 ms': fmtMs(sb.p50), 'queried p95 ms': fmtMs(sb.p95), 'queried cpu ms': fmtMs(b.cpu), 'kept p50 ms': fmtMs(sa.p50), 'kept p95 ms': fmtMs(sa.p95), 'kept cpu ms': fmtMs(a.cpu) });
      }
      const stampRows: string[] = [];
      for (const opts of [PUBLIC_NOTICES_CACHE, OPEN_EXAMS_CACHE, PUBLIC_SETTINGS_CACHE]) {
        const s = stats((await timed(() => opts.stamp(db))).ms);
        stampRows.push(`${opts.name} ${fmtMs(s.p50)} ms (p95 ${fmtMs(s.p95)})`);
        void sharedStampedCache(opts);
      }
      return {
        rows,
        notes: [
          `N = ${N} calls per cell after 20 warm-up calls, one after another; PGlite with the demo data (${(await listPublishedNotices(db, { limit: 1000 })).length} published notices, ${(await openExams(db)).length} open exam).`,
          `The stamp queries, paid at most once per 2 s per instance and cache: ${stampRows.join('; ')}.`,
        ],
      };
    } finally {
      await h.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default scenario;
