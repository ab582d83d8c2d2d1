import { describe, expect, it } from 'vitest';
import { rawCatalogs } from '@/messages/catalog';

function keys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('message catalogs', () => {
  it('the English catalog has exactly the keys of the Chinese one', () => {
    const zh = keys(rawCatalogs['zh-CN']).sort();
    const en = keys(rawCatalogs.en).sort();
    expect(en.filter((k) => !zh.includes(k))).toEqual([]);
    expect(zh.filter((k) => !en.includes(k))).toEqual([]);
  });

  it('no message is empty', () => {
    const empty = (c: unknown) => keys(c).filter((k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], c) === '');
    expect(empty(rawCatalogs['zh-CN'])).toEqual([]);
    expect(empty(rawCatalogs.en)).toEqual([]);
  });
});
