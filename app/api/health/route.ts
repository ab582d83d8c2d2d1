import { NextResponse } from 'next/server';
import { defineRoute } from '@/lib/platform/http/route';
import { checkHealth } from '@/lib/platform/health';

export const dynamic = 'force-dynamic';

/**
 * Liveness: 200 while this process answers, whatever its dependencies do (a
 * database outage is no reason to restart every instance). The body says how
 * the database and storage answer (`status: 'ok'` or `'degraded'`); readiness
 * for traffic is /api/ready.
 */
export const GET = defineRoute({
  access: { kind: 'public' },
  session: false,
  handler: async ({ db, storage }) => {
    const report = await checkHealth({ db: async () => db, storage });
    return NextResponse.json({ status: report.ok ? 'ok' : 'degraded', ...report }, { status: 200, headers: { 'Cache-Control': 'no-store' } });
  },
});
