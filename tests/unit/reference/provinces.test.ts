import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  findProvince,
  isRegionCodeShape,
  isSpecificRegionShape,
  provinceEntries,
  provinceName,
  provinceOf,
  provinceRegionsUrl,
  provinces,
  REGION_DATA_VERSION,
} from '@/lib/reference/provinces';
import { isSpecificRegionCode, knownRegionRule, specificRegionRule, withRegionChecks } from '@/lib/reference/region-checks';
import { childrenOf, isPlaceholderCityName, isValidRegionCode, provinceRegions, regionName, regions } from '@/lib/reference/regions';
import { provincesJson } from '../../../scripts/region-provinces.mjs';

const ROOT = path.resolve(__dirname, '../../..');

describe('the province list the browser bundles', () => {
  it('is up to date with the region tree (else: node scripts/region-provinces.mjs)', () => {
    expect(fs.readFileSync(path.join(ROOT, 'lib/reference/data/provinces.json'), 'utf8')).toBe(provincesJson());
  });

  it('has the 34 province-level entries of the tree, in its order, with the English names and flags', () => {
    expect(provinceEntries).toHaveLength(34);
    expect(provinces).toEqual(regions.map(({ code, name }) => ({ code, name })));
    for (const p of provinceEntries) {
      expect(p.nameEn, p.code).toBe(regionName(p.code, 'en'));
      expect(p.leaf, p.code).toBe(childrenOf(p.code).length === 0);
      const kids = childrenOf(p.code);
      expect(p.municipality, p.code).toBe(kids.length > 0 && kids.every((c) => isPlaceholderCityName(c.name)));
    }
    expect(provinceEntries.filter((p) => p.municipality).map((p) => p.name)).toEqual(['北京市', '天津市', '上海市', '重庆市']);
    expect(provinceEntries.filter((p) => p.leaf).map((p) => p.name)).toEqual(['台湾省', '香港特别行政区', '澳门特别行政区']);
    expect(provinceName(findProvince('330000')!, 'en')).toBe('Zhejiang');
    expect(provinceName(findProvince('330000')!, 'zh-CN')).toBe('浙江省');
  });

  it('is small: a few KB, against the tree’s 230 KB', () => {
    expect(fs.statSync(path.join(ROOT, 'lib/reference/data/provinces.json')).size).toBeLessThan(4 * 1024);
  });

  it('names the data version in the region route’s URL', () => {
    expect(REGION_DATA_VERSION).toMatch(/^[0-9a-f]{12}$/);
    expect(provinceRegionsUrl('330000')).toBe(`/api/regions/330000?v=${REGION_DATA_VERSION}`);
  });

  it('provinceOf takes the first two digits, as before (a retired district, an ID number)', () => {
    expect(provinceOf('330106')).toEqual({ code: '330000', name: '浙江省' });
    expect(provinceOf('110105194912310021')).toEqual({ code: '110000', name: '北京市' });
    expect(provinceOf('990000')).toBeUndefined();
    expect(provinceOf('x')).toBeUndefined();
  });
});

describe("a region code's shape (the browser's check)", () => {
  it('6 digits under a known province', () => {
    for (const ok of ['330106', '330100', '330000', '119999', '810000']) expect(isRegionCodeShape(ok), ok).toBe(true);
    for (const bad of ['', '33010', '3301060', '990000', '000000', 'abcdef', ' 330106']) expect(isRegionCodeShape(bad), bad).toBe(false);
  });

  it('a specific region: not a province with subdivisions', () => {
    for (const ok of ['330106', '330100', '441900', '110101', '810000', '820000', '710000', '119999']) expect(isSpecificRegionShape(ok), ok).toBe(true);
    for (const bad of ['330000', '110000', '', '990101', '3301']) expect(isSpecificRegionShape(bad), bad).toBe(false);
  });

  it('agrees with the full check on every code of the tree', () => {
    const all: string[] = [];
    const walk = (nodes: typeof regions) => nodes.forEach((n) => (all.push(n.code), n.children && walk(n.children)));
    walk(regions);
    for (const code of all) {
      expect(isRegionCodeShape(code), code).toBe(true);
      expect(isSpecificRegionShape(code), code).toBe(isSpecificRegionCode(code));
    }
  });
});

describe("the server's check (region-checks.ts)", () => {
  const schema = z.object({
    regionCode: z.string().refine(isSpecificRegionShape, '请选择到市或区县'),
    info: z.object({ home: z.string().optional() }),
  });
  const server = withRegionChecks(schema, [specificRegionRule(['regionCode']), knownRegionRule(['info', 'home'], '地区代码无效')]);
  const issues = (v: unknown) => {
    const r = server.safeParse(v);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('refuses a well-formed code that is not in the tree, with the field’s message at its path', () => {
    expect(isValidRegionCode('119999')).toBe(false);
    expect(schema.safeParse({ regionCode: '119999', info: {} }).success).toBe(true);
    expect(issues({ regionCode: '119999', info: {} })).toEqual(['regionCode: 请选择到市或区县']);
    expect(issues({ regionCode: '330106', info: { home: '339999' } })).toEqual(['info.home: 地区代码无效']);
  });

  it('reports a bad shape once (the shared schema’s issue) and leaves absent values to the schema', () => {
    expect(issues({ regionCode: '330000', info: {} })).toEqual(['regionCode: 请选择到市或区县']);
    expect(issues({ regionCode: '330106', info: {} })).toEqual([]);
    expect(issues({ regionCode: '810000', info: { home: '330000' } })).toEqual([]);
  });

  it('isSpecificRegionCode: a city or district of the tree, or a province without subdivisions', () => {
    expect(['330106', '330100', '441900', '110101', '810000'].map(isSpecificRegionCode)).toEqual([true, true, true, true, true]);
    expect(['330000', '110000', '119999', '990101', ''].map(isSpecificRegionCode)).toEqual([false, false, false, false, false]);
  });
});

describe("a province's subtree (the region route's body)", () => {
  it('has both names at every level and only province-level codes answer', () => {
    const zj = provinceRegions('330000')!;
    expect(zj.version).toBe(REGION_DATA_VERSION);
    expect(zj.province).toEqual({ code: '330000', name: '浙江省', nameEn: 'Zhejiang' });
    expect(zj.cities.map((c) => c.code)).toEqual(childrenOf('330000').map((c) => c.code));
    const hz = zj.cities.find((c) => c.code === '330100')!;
    expect(hz.children!.map((d) => d.code)).toEqual(childrenOf('330100').map((d) => d.code));
    expect(hz.children!.find((d) => d.code === '330106')).toEqual({ code: '330106', name: '西湖区', nameEn: 'Xihu District' });
    expect(provinceRegions('810000')).toMatchObject({ cities: [] });
    for (const code of ['330100', '330106', '990000', '119999', '']) expect(provinceRegions(code), code).toBeUndefined();
  });
});
