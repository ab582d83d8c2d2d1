import crypto from 'node:crypto';
import type { DbOrTx } from '@/db';
import { logger } from '../logger';
import { renderMetrics } from '../metrics';
import { operationsStatus } from '../operations';
import { isDraining, requestsInFlight } from './request-context';

const same = (a: string, b: string) => crypto.timingSafeEqual(crypto.createHash('sha256').update(a).digest(), crypto.createHash('sha256').update(b).digest());

/**
 * GET /api/metrics: Prometheus text of this instance, guarded by a bearer
 * token. No token configured: 404 (the endpoint does not exist); a missing or
 * wrong token: 401. The database's gauges are left out (and the instance's own
 * figures still served) when the database does not answer.
 */
export async function metricsResponse(req: Request, deps: { token: string | undefined; db: () => Promise<DbOrTx>; reconcileAfterSeconds: number; ready: boolean }): Promise<Response> {
  if (!deps.token) return new Response('Not Found', { status: 404 });
  const auth = req.headers.get('authorization') ?? '';
  const given = auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
  if (!given || !same(given, deps.token)) return new Response('Unauthorized', { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' } });
  let ops;
  try {
    ops = await operationsStatus(await deps.db(), { reconcileAfterSeconds: deps.reconcileAfterSeconds });
  } catch (err) {
    logger.warn('metrics: operations status unavailable', { error: err instanceof Error ? err.message : String(err) });
  }
  const body = renderMetrics({ ops, inFlight: requestsInFlight(), draining: isDraining(), ready: deps.ready });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' } });
}
