import { NextResponse } from 'next/server';
import { queueFilterFrom } from '@/app/staff/(main)/queue/filters';
import { getDb } from '@/db';
import { staffActorByUsername } from '@/lib/platform/auth/actor';
import { env } from '@/lib/platform/env';
import { defineRoute } from '@/lib/platform/http/route';
import { queueCounts, queueExport, queuePage } from '@/lib/platform/workflow';

export const dynamic = 'force-dynamic';

/**
 * The queue bench's bare route (bench/staff-queue.ts): the staff queue's own
 * queries — the same functions, so the same SQL with the same scope — for a
 * staff member named in the query, answered as JSON: no session, no page, no
 * workbook. What the queue page and the export add on top is measured
 * against it. Off (404) unless BENCH_ROUTES=true, and then only with the
 * METRICS_TOKEN bearer token.
 *
 *   ?op=page|counts|export&staff=<username>&<the queue's filters>
 */
export const GET = defineRoute({
  access: { kind: 'public' },
  session: false,
  handler: async ({ req }) => {
    const e = env();
    if (!e.BENCH_ROUTES || !e.METRICS_TOKEN) return new Response('Not Found', { status: 404 });
    if (req.headers.get('authorization') !== `Bearer ${e.METRICS_TOKEN}`) return new Response('Unauthorized', { status: 401 });
    const sp = new URL(req.url).searchParams;
    const db = await getDb();
    const actor = await staffActorByUsername(db, sp.get('staff') ?? '');
    if (!actor) return new Response('Not Found', { status: 404 });
    const filter = queueFilterFrom(Object.fromEntries(sp));
    const op = sp.get('op');
    if (op === 'page') {
      const [page, counts] = await Promise.all([queuePage(db, actor, filter), queueCounts(db, actor, filter)]);
      return NextResponse.json({ rows: page.rows, next: page.next, counts });
    }
    if (op === 'counts') return NextResponse.json({ counts: await queueCounts(db, actor, filter) });
    if (op === 'export') return NextResponse.json({ rows: await queueExport(db, actor, { ...filter, cursor: undefined }, 10_000) });
    return new Response('Bad Request', { status: 400 });
  },
});
