import { NextResponse } from 'next/server';
import { getDb } from '@/db';
import { defineRoute } from '@/lib/platform/http/route';
import { checkReadiness } from '@/lib/platform/health';
import { isDraining } from '@/lib/platform/http/request-context';
import { isBooted, isShuttingDown } from '@/lib/platform/lifecycle';
import { getStorage } from '@/lib/platform/storage';

export const dynamic = 'force-dynamic';

/** Readiness: 200 when this instance has booted (migrations applied, storage ready), is not draining and its database and storage answer; 503 otherwise, with what is missing. */
export const GET = defineRoute({
  access: { kind: 'public' },
  session: false,
  handler: async () => {
    const draining = isDraining() || isShuttingDown();
    const report = await checkReadiness({ db: getDb, storage: getStorage, booted: isBooted(), draining });
    return NextResponse.json({ status: report.ready ? 'ready' : 'not ready', ...report }, { status: report.ready ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
  },
});
