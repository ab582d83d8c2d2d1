/**
 * The dependency rules of the code (run by `npm run lint`, so by CI):
 * modules → platform → db; the platform imports no module, seed or page;
 * pages and components read through domain functions, never drizzle; and no
 * import cycles anywhere.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make load order matter (registries read before they are filled). Break the cycle.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'platform-imports-no-module',
      severity: 'error',
      comment: 'lib/platform never imports a module, the seed, pages or components: modules register through their manifest (lib/platform/manifest.ts).',
      from: { path: '^lib/platform/' },
      to: { path: '^(lib/modules|db/seed|app|components)/' },
    },
    {
      name: 'db-imports-no-lib',
      severity: 'error',
      comment: 'db/ (schema, client) is the bottom layer; only the seed may use domain code.',
      from: { path: '^db/', pathNot: '^db/seed/' },
      to: { path: '^(lib/modules|app|components)/' },
    },
    {
      name: 'pages-read-through-domain-functions',
      severity: 'error',
      comment: 'app/ and components/ read through domain read-model functions (which apply the same rules as the mutations), never drizzle or the schema directly. Type-only imports are fine.',
      from: { path: '^(app|components)/' },
      to: { path: ['^node_modules/drizzle-orm/', '^db/schema'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(\\.next|data|test-results|playwright-report)/' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
  },
};
