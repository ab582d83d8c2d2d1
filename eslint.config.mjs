import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// The layering (modules → platform → db) as editor feedback; `npm run lint:deps` (dependency-cruiser) enforces it and the absence of cycles.
const drizzleInPages = {
  paths: [{ name: 'drizzle-orm', message: 'Pages and components read through domain read-model functions, never drizzle.', allowTypeImports: true }],
  patterns: [{ group: ['@/db/schema', '@/db/schema/*', 'drizzle-orm/*'], message: 'Pages and components read through domain read-model functions, never the schema.', allowTypeImports: true }],
};
const modulesFromPlatform = {
  patterns: [{ group: ['@/lib/modules', '@/lib/modules/*', '@/db/seed/*', '@/app/*', '@/components/*'], message: 'lib/platform imports no module, seed, page or component: modules register through their manifest.' }],
};

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ['.next/**', 'bench/bare-next/.next/**', 'node_modules/**', 'data/**', 'db/migrations/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
  { files: ['app/**', 'components/**'], rules: { '@typescript-eslint/no-restricted-imports': ['error', drizzleInPages] } },
  { files: ['lib/platform/**'], rules: { '@typescript-eslint/no-restricted-imports': ['error', modulesFromPlatform] } },
];
export default config;
