import { defineConfig } from 'drizzle-kit';

// Migrations are generated from db/schema and committed; the app and the tests
// apply them with drizzle's migrator on both PGlite and Postgres.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  casing: 'snake_case',
});
