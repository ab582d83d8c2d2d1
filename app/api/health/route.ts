import { NextResponse } from 'next/server';
import { getDb } from '@/db';
import { checkHealth } from '@/lib/platform/health';
import { getStorage } from '@/lib/platform/storage';

export const dynamic = 'force-dynamic';

/** 200 when the database and storage answer, 503 (with which one failed) otherwise. */
export async function GET() {
  const report = await checkHealth({ db: getDb, storage: getStorage });
  return NextResponse.json({ status: report.ok ? 'ok' : 'down', ...report }, { status: report.ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
