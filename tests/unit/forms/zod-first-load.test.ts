import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientChainTo, ROOT, routeFiles } from '../../helpers/client-imports';

/**
 * Issue #17 (light pages): zod, its resolver, its locales and the field
 * message dictionary are not in the exam steps' first load (the pages
 * thousands of candidates open when registration opens). The forms validate
 * with the server's schema all the same: useZodForm takes a loader and
 * components/forms/zod-validation.ts is fetched when the form is first used.
 * Followed from the source (tests/helpers/client-imports.ts); BENCHMARKS.md
 * ("zod out of the forms' first load") checks the same on a production
 * build's client reference manifests.
 */

const VALIDATION = ['components/forms/zod-validation.ts', 'i18n/zod-locale.ts', 'i18n/field-messages.ts'].map((f) => path.join(ROOT, f));
const isValidationCode = (m: string) => /^pkg:(zod|@hookform\/resolvers)(\/|$)/.test(m) || VALIDATION.includes(m);

const EXAM_STEPS = [
  'app/portal/exam/page.tsx',
  'app/portal/exam/photo/page.tsx',
  ...['page.tsx', 'info/page.tsx', 'subjects/page.tsx', 'area/page.tsx', 'pay/page.tsx', 'change-area/page.tsx', 'registration/page.tsx'].map((p) => `app/portal/exam/[examId]/${p}`),
];

/** Other pages whose forms take a loader: they stay light too. */
const LIGHT_FORMS = [
  'app/(auth)/register/individual/page.tsx',
  'app/(auth)/register/organization/page.tsx',
  'app/(auth)/activate/page.tsx',
  'app/(auth)/recover/page.tsx',
  'app/(auth)/accreditation/pre-application/page.tsx',
  'app/portal/(main)/account/page.tsx',
  'app/portal/membership/apply/page.tsx',
  'app/portal/(main)/field-change/new/page.tsx',
  'app/portal/(main)/account/sub-accounts/page.tsx',
  'app/portal/membership/certificate-loss/new/page.tsx',
  'app/portal/membership/info-change/new/page.tsx',
  'app/portal/personnel/requests/page.tsx',
  'app/portal/personnel/requests/[id]/edit/page.tsx',
  'app/staff/exams/new/page.tsx',
  'app/staff/exams/[id]/page.tsx',
  'app/staff/exams/[id]/edit/page.tsx',
  'app/staff/(main)/notices/new/page.tsx',
  'app/staff/(main)/notices/[id]/edit/page.tsx',
  'app/portal/membership/staff/new/page.tsx',
  'app/portal/membership/training/page.tsx',
  'app/staff/membership/training/new/page.tsx',
];

describe('zod out of the first load', () => {
  it('the exam steps exist and are wrapped by the root and portal layouts', () => {
    for (const p of EXAM_STEPS) expect(fs.existsSync(path.join(ROOT, p)), p).toBe(true);
    expect(routeFiles(EXAM_STEPS.find((p) => p.includes('/info/'))!).map((f) => path.relative(ROOT, f))).toEqual(expect.arrayContaining(['app/layout.tsx', 'app/portal/layout.tsx', 'app/portal/exam/[examId]/info/page.tsx']));
  });

  it.each([...EXAM_STEPS, ...LIGHT_FORMS])('%s: no zod, resolver or field-message dictionary in the initial client chunks', (page) => {
    expect(clientChainTo(page, isValidationCode)?.join(' → ') ?? null).toBeNull();
  });

  it.each(EXAM_STEPS)('%s: no react-hook-form either (the info step\'s form is built on useLightForm)', (page) => {
    expect(clientChainTo(page, (m) => m === 'pkg:react-hook-form')?.join(' → ') ?? null).toBeNull();
  });

  it('the walk is not vacuous: it finds zod through a form that still imports its schema, and through the loader when dynamic imports count', () => {
    expect(clientChainTo('app/staff/(main)/users/page.tsx', isValidationCode)).toEqual(expect.arrayContaining(['components/staff/staff-users.tsx', 'pkg:zod']));
    // The info step's form does validate with zod: behind `import()`.
    const form = fs.readFileSync(path.join(ROOT, 'components/exam/info-form.tsx'), 'utf8');
    expect(form).toMatch(/const schema = \(\) => import\('@\/lib\/modules\/exam\/registration\/schemas'\)/);
    expect(form).toMatch(/useLightForm\(schema, /);
    // And the walk finds react-hook-form where a form still uses it.
    expect(clientChainTo('app/(auth)/register/individual/page.tsx', (m) => m === 'pkg:react-hook-form')).toEqual(expect.arrayContaining(['pkg:react-hook-form']));
    const hook = fs.readFileSync(path.join(ROOT, 'components/forms/zod-form-validation.ts'), 'utf8');
    expect(hook).toMatch(/import\('\.\/zod-validation'\)/);
  });
});
