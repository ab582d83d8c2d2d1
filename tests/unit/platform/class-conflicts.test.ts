import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as React from 'react';
import ts from 'typescript';
import { twMerge } from 'tailwind-merge';
import { lightMerge } from '@/lib/cn-client';
import { describe, expect, it, vi } from 'vitest';
import { ROOT, staticImports } from '../../helpers/client-imports';
import { Button } from '@/components/ui/button';
import { Input, Label, Select } from '@/components/ui/input';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { ScrollRegion, Table, Td, Th } from '@/components/ui/table';
import { Field } from '@/components/forms/field';

vi.mock('next-intl', () => ({ useTranslations: () => (key: string) => key }));

/**
 * Issue #17 (light pages): tailwind-merge is not in the browser. In client
 * modules (and in the ui primitives when client modules render them) `cn` is
 * lib/cn-client.ts: clsx plus a small merge of the class groups client code
 * overrides; server components keep tailwind-merge (package.json `imports`
 * `#cn`). This reads the source of every module that runs in the browser and
 * fails with the place whenever a `cn(…)` call or a primitive's `className`
 * can put classes on one element that the small merge resolves differently
 * from tailwind-merge (a caller's `h-8` beside an Input's `h-10`, in a group
 * it does not know), for every combination of the literal classes it can see
 * (both branches of `?:`, `&&`, constants of the file). Classes it cannot see
 * (a `className` prop passed through) are the caller's: each such caller is
 * itself checked where it writes its classes down.
 */

type Unknown = { file: string; line: number; text: string };
type Conflict = { file: string; line: number; classes: string; dropped: string[] };

const LIMIT = 4096;

function sourceFiles(dir: string, acc: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sourceFiles(p, acc);
    else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) acc.push(p);
  }
  return acc;
}

const BUTTON = { variant: ['default', 'outline', 'ghost', 'danger', 'link'], size: ['sm', 'md', 'lg', 'icon'] } as const;
const BADGE_TONES = ['neutral', 'primary', 'success', 'warning', 'danger'];

type Props = Record<string, string | undefined>;
const classOf = (el: React.ReactElement): string => String((el.props as { className?: string }).className ?? '');
const call = (c: unknown, props: Record<string, unknown>) => (c as (p: Record<string, unknown>) => React.ReactElement)(props);

/** The classes a primitive puts on the element its `className` joins, for the literal props of one use (every value of a prop it cannot read). */
const PRIMITIVES: Record<string, { module: string; base: (props: Props) => string[] }> = {
  Button: {
    module: 'components/ui/button',
    base: (p) => (p.variant ? [p.variant] : [...BUTTON.variant]).flatMap((variant) => (p.size ? [p.size] : [...BUTTON.size]).map((size) => classOf(call(Button, { variant, size })))),
  },
  Input: { module: 'components/ui/input', base: (p) => [classOf(call(Input, { type: p.type }))] },
  Select: { module: 'components/ui/input', base: () => [classOf(call(Select, {}))] },
  Label: { module: 'components/ui/input', base: () => [classOf(call(Label, {}))] },
  Badge: { module: 'components/ui/badge', base: (p) => (p.tone ? [p.tone] : BADGE_TONES).map((tone) => classOf(call(Badge, { tone }))) },
  Card: { module: 'components/ui/card', base: () => [classOf(call(Card, {}))] },
  CardHeader: { module: 'components/ui/card', base: () => [classOf(call(CardHeader, {}))] },
  CardTitle: { module: 'components/ui/card', base: () => [classOf(call(CardTitle, {}))] },
  CardContent: { module: 'components/ui/card', base: () => [classOf(call(CardContent, {}))] },
  Table: { module: 'components/ui/table', base: () => [classOf((call(Table, {}).props as { children: React.ReactElement }).children)] },
  Th: { module: 'components/ui/table', base: () => [classOf(call(Th, {}))] },
  Td: { module: 'components/ui/table', base: () => [classOf(call(Td, {}))] },
  ScrollRegion: { module: 'components/ui/table', base: () => [classOf(call(ScrollRegion, { children: null }))] },
  Field: { module: 'components/forms/field', base: () => [classOf(call(Field, { id: 'x', label: 'x', children: React.createElement('input') }))] },
};

function moduleOf(file: string, spec: string): string | null {
  const abs = spec.startsWith('@/') ? path.join(ROOT, spec.slice(2)) : spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : null;
  return abs ? path.relative(ROOT, abs).replace(/\.tsx?$/, '') : null;
}

function scan(file: string, helpers: string[], unknowns: Unknown[], conflicts: Conflict[]) {
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const rel = path.relative(ROOT, file);
  const line = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;

  // Local names of the join helper and of the primitives.
  const joiners = new Set<string>();
  const primitives = new Map<string, string>();
  const consts = new Map<string, ts.Expression>();
  const visitDecl = (n: ts.Node) => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier) && n.importClause?.namedBindings && ts.isNamedImports(n.importClause.namedBindings)) {
      const mod = moduleOf(file, n.moduleSpecifier.text);
      for (const el of n.importClause.namedBindings.elements) {
        const imported = (el.propertyName ?? el.name).text;
        if (helpers.some((h) => h === `${mod}#${imported}`)) joiners.add(el.name.text);
        const prim = PRIMITIVES[imported];
        if (prim && mod === prim.module) primitives.set(el.name.text, imported);
      }
    }
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && !consts.has(n.name.text)) consts.set(n.name.text, n.initializer);
    ts.forEachChild(n, visitDecl);
  };
  visitDecl(sf);
  if (joiners.size === 0 && primitives.size === 0) return;

  const unknown = (n: ts.Node) => {
    unknowns.push({ file: rel, line: line(n), text: n.getText(sf).slice(0, 120) });
    return [''];
  };
  const product = (lists: string[][]) => lists.reduce<string[]>((acc, l) => (acc.length * l.length > LIMIT ? acc : acc.flatMap((a) => l.map((b) => `${a} ${b}`))), ['']);

  /** Every class string an expression can give, as far as it can be read here. */
  const alts = (n: ts.Node, depth = 0): string[] => {
    if (depth > 8) return unknown(n);
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return [n.text];
    if (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n)) return alts(n.expression, depth + 1);
    if (ts.isJsxExpression(n)) return n.expression ? alts(n.expression, depth + 1) : [''];
    if (ts.isTemplateExpression(n)) {
      return product([[n.head.text], ...n.templateSpans.map((s) => alts(s.expression, depth + 1).map((a) => a + s.literal.text))]).map((s) => s.replace(/\s+/g, ' '));
    }
    if (ts.isConditionalExpression(n)) return [...alts(n.whenTrue, depth + 1), ...alts(n.whenFalse, depth + 1)];
    if (ts.isBinaryExpression(n)) {
      if (n.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return ['', ...alts(n.right, depth + 1)];
      if (n.operatorToken.kind === ts.SyntaxKind.BarBarToken || n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) return [...alts(n.left, depth + 1), ...alts(n.right, depth + 1)];
      if (n.operatorToken.kind === ts.SyntaxKind.PlusToken) return product([alts(n.left, depth + 1), alts(n.right, depth + 1)]);
      return unknown(n);
    }
    if (ts.isArrayLiteralExpression(n)) return product(n.elements.map((e) => alts(e, depth + 1)));
    if (ts.isObjectLiteralExpression(n)) {
      return product(n.properties.map((p) => (ts.isPropertyAssignment(p) && (ts.isStringLiteral(p.name) || ts.isIdentifier(p.name)) ? ['', p.name.text] : unknown(p))));
    }
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
      if (joiners.has(n.expression.text) || n.expression.text === 'clsx') return product(n.arguments.map((a) => alts(a, depth + 1)));
      if (n.expression.text === 'buttonVariants') {
        const props: Props = {};
        const arg = n.arguments[0];
        if (arg && ts.isObjectLiteralExpression(arg)) {
          for (const p of arg.properties) if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && ts.isStringLiteral(p.initializer)) props[p.name.text] = p.initializer.text;
        }
        return PRIMITIVES.Button.base(props).map((s) => s);
      }
    }
    if (ts.isIdentifier(n)) {
      if (n.text === 'undefined') return [''];
      const init = consts.get(n.text);
      if (init) return alts(init, depth + 1);
    }
    return unknown(n);
  };

  const check = (n: ts.Node, combos: string[]) => {
    for (const c of combos) {
      const classes = c.split(/\s+/).filter(Boolean).join(' ');
      const light = new Set(lightMerge(c).split(' ').filter(Boolean));
      const tw = new Set(twMerge(c).split(' ').filter(Boolean));
      const differ = [...new Set([...light, ...tw])].filter((x) => light.has(x) !== tw.has(x));
      if (differ.length) {
        conflicts.push({ file: rel, line: line(n), classes, dropped: differ.map((x) => (tw.has(x) ? `tw keeps ${x}` : `light keeps ${x}`)) });
        return;
      }
    }
  };

  const attr = (el: ts.JsxOpeningLikeElement, name: string) => el.attributes.properties.find((a): a is ts.JsxAttribute => ts.isJsxAttribute(a) && a.name.getText(sf) === name);
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && joiners.has(n.expression.text)) {
      // Not nested in another join (the outer one covers it).
      const outer = n.parent && ts.isCallExpression(n.parent) && ts.isIdentifier(n.parent.expression) && joiners.has(n.parent.expression.text);
      if (!outer) check(n, alts(n));
    }
    if ((ts.isJsxOpeningElement(n) || ts.isJsxSelfClosingElement(n)) && ts.isIdentifier(n.tagName) && primitives.has(n.tagName.text)) {
      const cls = attr(n, 'className');
      if (cls?.initializer) {
        const props: Props = {};
        for (const name of ['variant', 'size', 'tone', 'type']) {
          const a = attr(n, name);
          if (a?.initializer && ts.isStringLiteral(a.initializer)) props[name] = a.initializer.text;
        }
        const own = alts(cls.initializer);
        check(n, product([PRIMITIVES[primitives.get(n.tagName.text)!].base(props), own]));
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
}

const isClient = (f: string) => /^\s*(?:\/\*[\s\S]*?\*\/\s*|\/\/[^\n]*\n\s*)*['"]use client['"]/.test(fs.readFileSync(f, 'utf8'));
const isServerActions = (f: string) => /^\s*(?:\/\*[\s\S]*?\*\/\s*|\/\/[^\n]*\n\s*)*['"]use server['"]/.test(fs.readFileSync(f, 'utf8'));

/** Every module of ours that runs in the browser: the 'use client' modules and all they import (dynamic imports too: lazy parts run there as well). */
export function clientModules(): string[] {
  const all = ['app', 'components', 'lib'].flatMap((d) => sourceFiles(path.join(ROOT, d)));
  const seen = new Set(all.filter(isClient));
  const queue = [...seen];
  while (queue.length) {
    const f = queue.shift()!;
    const dynamic = [...fs.readFileSync(f, 'utf8').matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => moduleOf(f, m[1])).filter((m): m is string => m !== null);
    const deps = [...staticImports(f).filter((d) => !d.startsWith('pkg:')), ...dynamic.flatMap((m) => ['.ts', '.tsx'].map((e) => path.join(ROOT, m + e)).filter((p) => fs.existsSync(p)))];
    for (const d of deps) {
      if (seen.has(d) || !/\.tsx?$/.test(d) || isServerActions(d)) continue;
      seen.add(d);
      queue.push(d);
    }
  }
  return [...seen].sort();
}

export function findConflicts(helpers: string[], files = clientModules()) {
  const unknowns: Unknown[] = [];
  const conflicts: Conflict[] = [];
  for (const f of files) scan(f, helpers, unknowns, conflicts);
  return { unknowns, conflicts };
}

describe('cn in the browser resolves classes as tailwind-merge does', () => {
  const { unknowns, conflicts } = findConflicts(['lib/utils#cn', 'lib/cn-client#cn']);
  if (process.env.SHOW_UNKNOWN) console.log(unknowns.map((u) => `${u.file}:${u.line} ${u.text}`).join('\n'));

  it('the check is not vacuous: it reads primitives, walks the client modules and sees a conflict it is shown', () => {
    expect(twMerge('h-10 px-4 w-full px-2')).toBe('h-10 w-full px-2');
    expect(lightMerge('h-10 w-full px-3 text-sm aria-[invalid=true]:border-danger h-8 w-16 px-2 text-xs text-right')).toBe('aria-[invalid=true]:border-danger h-8 w-16 px-2 text-xs text-right');
    // A group lightMerge does not know (rounded-*) is kept twice: the scan would report it where client code wrote it.
    expect(lightMerge('rounded-md rounded-full')).toBe('rounded-md rounded-full');
    const files = clientModules().map((f) => path.relative(ROOT, f));
    expect(files).toEqual(expect.arrayContaining(['components/ui/button.tsx', 'components/ui/input.tsx', 'components/staff/staff-users.tsx', 'components/notifications/bell-popover.tsx']));
    expect(files).not.toContain('app/staff/(main)/audit/page.tsx');
    // A planted client module: an override of a group lightMerge does not know, on a primitive and in cn().
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'class-conflicts-'));
    const planted = path.join(dir, 'planted.tsx');
    fs.writeFileSync(planted, `'use client';\nimport { cn } from '@/lib/utils';\nimport { Button } from '@/components/ui/button';\nexport const A = () => <Button className="rounded-full">x</Button>;\nexport const b = (on: boolean) => cn('rounded-md px-3', on && 'rounded-full');\n`);
    const found = findConflicts(['lib/utils#cn'], [planted]).conflicts;
    fs.rmSync(dir, { recursive: true, force: true });
    expect(found.map((c) => [c.line, c.dropped])).toEqual([
      [4, ['light keeps rounded-md']],
      [5, ['light keeps rounded-md']],
    ]);
    expect(PRIMITIVES.Button.base({ variant: 'ghost', size: 'icon' })[0]).toContain('h-10 w-10');
    expect(PRIMITIVES.Table.base({})[0]).toContain('border-collapse');
  });

  it('every cn() call and className on a ui primitive in client code gives the classes tailwind-merge gives', () => {
    expect(conflicts.map((c) => `${c.file}:${c.line} [${c.dropped.join(' ')}] in "${c.classes}"`)).toEqual([]);
  });
});
