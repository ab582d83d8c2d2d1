import { getDb } from '@/db';
import { env } from '@/lib/platform/env';
import { defineRoute } from '@/lib/platform/http/route';
import { metricsResponse } from '@/lib/platform/http/metrics-endpoint';
import { isReady } from '@/lib/platform/lifecycle';

export const dynamic = 'force-dynamic';

/**
 * Prometheus metrics of this instance (text format 0.0.4): requests and their
 * durations, requests in flight, outbox deliveries and loop runs here; the
 * outbox backlog, dead rows, reconciliation lag and refunds from the database.
 * Guarded by METRICS_TOKEN (`Authorization: Bearer <token>`); without the
 * variable the route does not exist (404), with a wrong token 401.
 */
export const GET = defineRoute({
  access: { kind: 'public' },
  session: false,
  handler: async ({ req }) => metricsResponse(req, { token: env().METRICS_TOKEN, db: getDb, reconcileAfterSeconds: env().PAYMENT_RECONCILE_AFTER_SECONDS, ready: isReady() }),
});
