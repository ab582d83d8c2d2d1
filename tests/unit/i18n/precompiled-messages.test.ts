import { createElement, Fragment, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import compile from 'icu-minify/compile';
import { createTranslator } from 'next-intl';
import { _createCache, _createIntlFormatters } from 'use-intl/core';
import formatMessage from 'use-intl/format-message';
// The parsing formatter (intl-messageformat), imported by its file so that the alias of
// `use-intl/format-message` (vitest.config.ts, as next.config.ts for the app) does not apply:
// what every translator used before the catalogs were precompiled.
// @ts-expect-error -- a dist file has no declaration of its own (typed as RuntimeFormat below)
import runtimeFormatMessage from '../../../node_modules/use-intl/dist/esm/development/format-message/index.js';
import { FORMATS, locales, TIME_ZONE, type AppLocale } from '@/i18n/config';
import { compileMessages, messagesFor, messagesPrecompiled, rawCatalogs } from '@/messages/catalog';

type Values = Record<string, unknown>;
type RuntimeFormat = (key: string, message: string, values: Values | undefined, options: Record<string, unknown>) => unknown;
const runtimeFormat = runtimeFormatMessage as unknown as RuntimeFormat;

/** The message as the runtime formatter renders it, with the options a translator passes (i18n/request.ts's formats and time zone). */
function runtime(locale: AppLocale, key: string, message: string, values?: Values): unknown {
  const cache = _createCache();
  return runtimeFormat(key, message, values, { cache, formatters: _createIntlFormatters(cache), globalFormats: FORMATS, formats: undefined, locale, timeZone: TIME_ZONE });
}

function translator(locale: AppLocale, messages: unknown = messagesFor(locale)) {
  const errors: string[] = [];
  const t = createTranslator({ locale, messages: messages as never, timeZone: TIME_ZONE, formats: FORMATS, onError: (e) => void errors.push(`${e.code}: ${e.message}`) });
  return { t: t as unknown as ((key: string, values?: Values) => string) & { rich: (key: string, values?: Values) => ReactNode; has: (key: string) => boolean }, errors };
}

/** Every string leaf of a catalog, by dotted path. */
function leaves(tree: unknown, prefix = ''): Array<[string, string]> {
  if (typeof tree === 'string') return [[prefix, tree]];
  if (!tree || typeof tree !== 'object') return [];
  return Object.entries(tree).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

const SAMPLE_DATE = new Date('2025-03-04T21:06:07Z'); // 2025-03-05 05:06 in Asia/Shanghai: the time zone must apply

/**
 * Value sets that exercise every branch of a message: one value per argument,
 * then each plural count and each select option in turn.
 */
function valueSets(message: string): Values[] {
  const base: Values = {};
  const variants: Array<[string, unknown[]]> = [];
  const visit = (els: MessageFormatElement[]) => {
    for (const el of els) {
      switch (el.type) {
        case TYPE.argument:
          base[el.value] ??= `‹${el.value}›`;
          break;
        case TYPE.number:
          base[el.value] = 12345.678;
          break;
        case TYPE.date:
        case TYPE.time:
          base[el.value] = SAMPLE_DATE;
          break;
        case TYPE.plural:
          base[el.value] = 2;
          variants.push([el.value, [0, 1, 2, 5, 21]]);
          Object.values(el.options).forEach((o) => visit(o.value));
          break;
        case TYPE.select:
          base[el.value] = 'other';
          variants.push([el.value, Object.keys(el.options)]);
          Object.values(el.options).forEach((o) => visit(o.value));
          break;
        case TYPE.tag:
          base[el.value] = (chunks: unknown[]) => `[${el.value}:${chunks.join('')}]`;
          visit(el.children);
          break;
        default:
          break;
      }
    }
  };
  visit(parse(message));
  const sets: Values[] = [base];
  for (const [name, options] of variants) for (const v of options) sets.push({ ...base, [name]: v });
  return sets;
}

describe('precompiled messages (no ICU parser in the browser)', () => {
  it('the tests, like the app, format with use-intl’s format-only formatter and get compiled catalogs', () => {
    expect((formatMessage as unknown as { raw: boolean }).raw).toBe(false);
    expect(messagesPrecompiled).toBe(true);
    // Compiled once per locale: the same object every time (the scoped providers cache by it).
    expect(messagesFor('zh-CN')).toBe(messagesFor('zh-CN'));
    expect(messagesFor('zh-CN')).not.toBe(rawCatalogs['zh-CN']);
    // A message with an argument is compiled (an array), a plain one stays the same string.
    const ns = messagesFor('en') as unknown as { bankTransfer: { notify: Record<string, unknown> }; common: { appName: string } };
    expect(Array.isArray(ns.bankTransfer.notify.rejectedBody)).toBe(true);
    expect(ns.common.appName).toBe(rawCatalogs.en.common.appName);
  });

  for (const locale of locales) {
    it(`every message of the ${locale} catalog formats as the runtime formatter formats it`, () => {
      const { t, errors } = translator(locale);
      let checked = 0;
      let withArguments = 0;
      for (const [key, raw] of leaves(rawCatalogs[locale])) {
        const sets = valueSets(raw);
        if (Object.keys(sets[0]).length) withArguments++;
        for (const values of Object.keys(sets[0]).length ? sets : [undefined]) {
          expect(t(key, values), `${key} ${JSON.stringify(values)}`).toBe(runtime(locale, key, raw, values));
          checked++;
        }
      }
      expect(errors).toEqual([]);
      // The catalogs are big; a walk that found nothing would prove nothing.
      expect(checked).toBeGreaterThan(4000);
      expect(withArguments).toBeGreaterThan(100);
    });
  }

  it('real messages: arguments, plural and select, in both languages', () => {
    const zh = translator('zh-CN').t;
    const en = translator('en').t;
    expect(en('bankTransfer.notify.rejectedBody', { number: 'P-1', amount: '¥1.00', reason: 'blurred' })).toBe(
      'The transfer proof of order P-1 (¥1.00) was returned. Reason: blurred. Please check and upload again.',
    );
    const plural = leaves(rawCatalogs['zh-CN']).find(([, m]) => m.includes('已退出该账户在其他 # 处的登录'));
    expect(plural).toBeDefined();
    const [key] = plural!;
    expect(zh(key, { count: 0 })).toBe('密码已修改。');
    expect(zh(key, { count: 3 })).toBe('密码已修改。已退出该账户在其他 3 处的登录。');
    expect(zh(key, { count: 3 })).toBe(runtime('zh-CN', key, plural![1], { count: 3 }));
    const select = leaves(rawCatalogs.en).find(([, m]) => /\{\w+, select, senior/.test(m));
    expect(select).toBeDefined();
    for (const values of valueSets(select![1])) expect(en(select![0], values)).toBe(runtime('en', select![0], select![1], values));
  });

  // Features the catalogs may use: each through a translator over compiled messages, against the runtime formatter.
  const FEATURES: Record<string, { message: string; values?: Values }> = {
    plain: { message: '认证认可一站式服务平台' },
    argument: { message: 'Hello {name}, order {number}', values: { name: '张三', number: 'A-1' } },
    quoteEscapes: { message: "Use '{'braces'}' and it''s fine: {x}", values: { x: 1 } },
    quoteEscapesNoValues: { message: "Literal '{'name'}' and ''quoted''" },
    apostrophe: { message: "Don't worry, {name}", values: { name: 'Li' } },
    plural: { message: '{n, plural, =0 {none} one {# item} other {# items}}', values: { n: 1 } },
    pluralMany: { message: '{n, plural, =0 {none} one {# item} other {# items}}', values: { n: 1234 } },
    selectordinal: { message: '{n, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}', values: { n: 22 } },
    select: { message: '{g, select, senior {高级} other {其他}}', values: { g: 'senior' } },
    nested: { message: '{g, select, a {{n, plural, one {# A} other {# As}}} other {x}}', values: { g: 'a', n: 3 } },
    number: { message: '共 {n, number} 元', values: { n: 1234567.891 } },
    dateByName: { message: '日期：{d, date, date}', values: { d: SAMPLE_DATE } },
    dateTimeByName: { message: '时间：{d, date, datetime}', values: { d: SAMPLE_DATE } },
    timeByName: { message: 'At {d, time, datetime}', values: { d: SAMPLE_DATE } },
    dateSkeleton: { message: '{d, date, ::yyyyMMdd}', values: { d: SAMPLE_DATE } },
    markup: { message: 'Read <b>the rules</b> and <link>sign</link>', values: { b: (c: string[]) => `<b>${c.join('')}</b>`, link: (c: string[]) => `<a>${c.join('')}</a>` } },
  };

  for (const locale of locales) {
    it(`plain strings, arguments, escapes, plural/select, named date formats and tags (${locale})`, () => {
      const messages: Record<string, unknown> = {};
      for (const [name, { message }] of Object.entries(FEATURES)) messages[name] = compile(message);
      const { t, errors } = translator(locale, { f: messages });
      for (const [name, { message, values }] of Object.entries(FEATURES)) {
        expect(t(`f.${name}`, values), name).toBe(runtime(locale, `f.${name}`, message, values));
      }
      expect(errors).toEqual([]);
      // Sanity: the time zone applies and the named format is ours, not a default.
      expect(t('f.dateTimeByName', FEATURES.dateTimeByName.values)).toMatch(locale === 'en' ? /03\/05\/2025, 05:06$/ : /2025\/03\/05 05:06$/);
    });
  }

  it('rich text (t.rich) with React elements renders as before', () => {
    const message = '请阅读<b>《认证规则》</b>，并<link>点此签署</link>（{count, plural, other {# 份}}）';
    const values = {
      b: (chunks: ReactNode) => createElement('strong', null, chunks),
      link: (chunks: ReactNode) => createElement('a', { href: '/sign' }, chunks),
      count: 2,
    };
    const { t, errors } = translator('zh-CN', { r: { m: compile(message) } });
    const render = (out: unknown) => renderToStaticMarkup(createElement(Fragment, null, ...(Array.isArray(out) ? out : [out])));
    const html = render(t.rich('r.m', values));
    const expected = render(runtime('zh-CN', 'r.m', message, values));
    expect(html).toBe(expected);
    expect(html).toBe('请阅读<strong>《认证规则》</strong>，并<a href="/sign">点此签署</a>（2 份）');
    expect(errors).toEqual([]);
  });

  it('t.has and missing keys behave as before', () => {
    const { t, errors } = translator('zh-CN');
    expect(t.has('common.appName')).toBe(true);
    expect(t.has('common.noSuchKey')).toBe(false);
    expect(t.has('noSuchNamespace.key')).toBe(false);
    expect(t('common.noSuchKey')).toBe('common.noSuchKey');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^MISSING_MESSAGE/);
    const ns = createTranslator({ locale: 'zh-CN', messages: messagesFor('zh-CN'), namespace: 'common', onError: () => {} });
    expect(ns('appName')).toBe(rawCatalogs['zh-CN'].common.appName);
  });

  it('named date/time/number styles in the catalogs are only ours (format-only knows no built-in "short", "percent"…)', () => {
    const named = new Set([...Object.keys(FORMATS.dateTime), ...Object.keys((FORMATS as { number?: object }).number ?? {})]);
    const found: string[] = [];
    const visit = (key: string, els: MessageFormatElement[]) => {
      for (const el of els) {
        if ((el.type === TYPE.date || el.type === TYPE.time || el.type === TYPE.number) && typeof el.style === 'string' && !named.has(el.style)) found.push(`${key}: ${el.style}`);
        if (el.type === TYPE.plural || el.type === TYPE.select) Object.values(el.options).forEach((o) => visit(key, o.value));
        if (el.type === TYPE.tag) visit(key, el.children);
      }
    };
    for (const locale of locales) for (const [key, raw] of leaves(rawCatalogs[locale])) visit(`${locale} ${key}`, parse(raw));
    expect(found).toEqual([]);
  });

  it('compiled catalogs are plain data a server component can pass to the browser (no null prototypes, no classes)', () => {
    const odd: string[] = [];
    const visit = (v: unknown, path: string) => {
      if (!v || typeof v !== 'object') return;
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== Array.prototype) odd.push(path);
      for (const [k, c] of Object.entries(v)) visit(c, `${path}.${k}`);
    };
    for (const locale of locales) visit(messagesFor(locale), locale);
    expect(odd).toEqual([]);
    // A plural's options are an object inside the compiled message: plain too.
    expect(compileMessages({ m: '{n, plural, =0 {} other {# x}}' })).toEqual({ m: [['n', 2, { '=0': '', other: [0, ' x'] }]] });
    expect(Object.getPrototypeOf((compileMessages({ m: '{n, plural, other {#}}' }).m as unknown as [[string, number, object]])[0][2])).toBe(Object.prototype);
  });

  it('compileMessages keeps the shape: objects and arrays walked, other leaves kept', () => {
    const tree = { a: 'x {y}', b: ['p', 'q {r}'], c: { d: 3, e: null, f: true, g: "it''s" } };
    expect(compileMessages(tree)).toEqual({ a: ['x ', ['y']], b: ['p', ['q ', ['r']]], c: { d: 3, e: null, f: true, g: "it's" } });
    expect(() => compileMessages({ bad: { msg: 'x {y' } })).toThrow(/bad\.msg/);
  });
});
