import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientChainTo, ROOT } from '../../helpers/client-imports';

/**
 * Issue #17 (light pages): the portal and console chrome is light. Neither
 * tailwind-merge (`cn` in the browser is lib/cn-client.ts; tailwind-merge is
 * for server components only, lib/cn-server.ts) nor Radix Popover with
 * floating-ui (the bell's popover, components/notifications/bell-popover.tsx,
 * is fetched when the bell is first about to open) is in the initial client
 * chunks of these pages. Followed from the source (tests/helpers/client-imports.ts);
 * BENCHMARKS.md has the same measured on a production build.
 */

const PAGES = ['app/(auth)/login/page.tsx', 'app/portal/(main)/page.tsx', 'app/portal/exam/page.tsx', 'app/portal/exam/[examId]/info/page.tsx', 'app/staff/(main)/page.tsx', 'app/staff/exams/page.tsx', 'app/staff/(main)/users/page.tsx'];

const isTailwindMerge = (m: string) => /^pkg:tailwind-merge(\/|$)/.test(m) || m === path.join(ROOT, 'lib/cn-server.ts');
const isPopover = (m: string) => /^pkg:(@radix-ui\/react-popover|@floating-ui\/)/.test(m) || m === path.join(ROOT, 'components/notifications/bell-popover.tsx');
// radix-ui's umbrella package holds every primitive: a client module importing `Popover` from it pulls Popover in.
const importsPopover = (m: string) => m.startsWith(ROOT) && /\.tsx?$/.test(m) && /import\s*\{[^}]*\bPopover\b[^}]*\}\s*from\s*['"]radix-ui['"]/.test(fs.readFileSync(m, 'utf8'));

describe('the chrome out of the first load', () => {
  it.each(PAGES)('%s: no tailwind-merge in the initial client chunks', (page) => {
    expect(clientChainTo(page, isTailwindMerge)?.join(' → ') ?? null).toBeNull();
  });

  it.each(PAGES.filter((p) => !p.includes('(auth)')))('%s: no Radix Popover (the bell’s popover) in the initial client chunks', (page) => {
    expect(clientChainTo(page, (m) => isPopover(m) || importsPopover(m))?.join(' → ') ?? null).toBeNull();
  });

  it('the walk is not vacuous: the bell is in the first load, its popover behind import(), and the server components’ cn still merges with tailwind-merge', () => {
    expect(clientChainTo('app/portal/(main)/page.tsx', (m) => m === path.join(ROOT, 'components/notifications/bell-menu.tsx'))).not.toBeNull();
    expect(clientChainTo('app/portal/(main)/page.tsx', (m) => m === path.join(ROOT, 'lib/cn-client.ts'))).not.toBeNull();
    expect(fs.readFileSync(path.join(ROOT, 'components/notifications/bell-menu.tsx'), 'utf8')).toMatch(/import\('\.\/bell-popover'\)/);
    expect(fs.readFileSync(path.join(ROOT, 'components/notifications/bell-popover.tsx'), 'utf8')).toMatch(/from 'radix-ui'/);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.imports['#cn']).toEqual({ 'react-server': './lib/cn-server.ts', default: './lib/cn-client.ts' });
    expect(fs.readFileSync(path.join(ROOT, 'lib/cn-server.ts'), 'utf8')).toMatch(/from 'tailwind-merge'/);
  });
});
