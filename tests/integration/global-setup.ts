import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openDb } from '@/db/client';

/**
 * Runs the real migrations once per test run. On PGlite the migrated data
 * directory is dumped to a file that every test file loads into its own
 * instance; on Postgres (DATABASE_URL set) a template database is migrated and
 * every test file gets `CREATE DATABASE … TEMPLATE` of it.
 */
export const TEMPLATE_DB = 'accredit_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    postgresTemplateUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    // One template per vitest project (the integration files run in two, vitest.config.ts), each migrated by its own setup.
    const template = `${TEMPLATE_DB}_${project.name.replace(/\W/g, '_')}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${template} with (force)`);
    await admin.unsafe(`create database ${template}`);
    await admin.end();
    const templateUrl = withDatabase(url, template);
    const h = await openDb({ url: templateUrl, poolMax: 1 });
    await h.close();
    project.provide('postgresTemplateUrl', templateUrl);
    project.provide('pgliteSnapshot', '');
    return;
  }
  const h = await openDb({});
  const dump = await h.pglite!.dumpDataDir('none');
  await h.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'accredit-db-')), 'migrated.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteSnapshot', file);
  project.provide('postgresTemplateUrl', '');
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

export function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}
