import { NextResponse } from 'next/server';
import { defineRoute } from '@/lib/platform/http/route';
import { checkHealth } from '@/lib/platform/health';

export const dynamic = 'force-dynamic';

/** 200 when the database and storage answer, 503 (with which one failed) otherwise. */
export const GET = defineRoute({
  access: { kind: 'public' },
  session: false,
  handler: async ({ db, storage }) => {
    const report = await checkHealth({ db: async () => db, storage });
    return NextResponse.json({ status: report.ok ? 'ok' : 'down', ...report }, { status: report.ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
  },
});
