import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * The cluster smoke test (tests/e2e/cluster.spec.ts) against a running
 * cluster — nginx in front of two instances on one PostgreSQL, as
 * scripts/cluster.sh starts it (.ci/run does). No web server of its own:
 * CLUSTER_URL (http://localhost:3200) must answer; DATABASE_URL names the
 * cluster's database (the spec enqueues outbox rows and reads what was sent).
 */
const baseURL = process.env.CLUSTER_URL ?? 'http://localhost:3200';

export default defineConfig({
  ...base,
  testMatch: 'cluster.spec.ts',
  testIgnore: [],
  retries: 0,
  use: { ...base.use, baseURL },
  webServer: undefined,
});
