/**
 * The province-level entries of the region tree and the checks that need
 * nothing more: small enough for the browser (3 KB), where the full tree
 * (regions.ts, 230 KB with the English names) never goes.
 *
 * - `data/provinces.json` is generated from the tree by
 *   `scripts/region-provinces.mjs` (a unit test fails while it is stale);
 * - a province's cities and districts come from `GET /api/regions/<code>?v=<REGION_DATA_VERSION>`
 *   (app/api/regions/[province]/route.ts), cached by the browser;
 * - schemas shared with the browser check a code's shape here; the server adds
 *   the check that the code exists (region-checks.ts), with the same message.
 */
import data from './data/provinces.json';

export type ProvinceEntry = {
  /** 6-digit code, e.g. "330000". */
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  /** No subdivisions in the tree (台湾, 香港, 澳门): the province-level code is the most specific one. */
  readonly leaf: boolean;
  /** Only placeholder cities (市辖区, 县) under it (北京, 天津, 上海, 重庆): districts come straight under the province. */
  readonly municipality: boolean;
};

/** A hash of the region data: part of the region route's URL, so a cached answer goes stale with the data. */
export const REGION_DATA_VERSION: string = data.version;

/** The 34 province-level entries, in the tree's order. */
export const provinceEntries: readonly ProvinceEntry[] = data.provinces;

/** Province-level entries only (code and Chinese name). */
export const provinces: readonly { code: string; name: string }[] = provinceEntries.map(({ code, name }) => ({ code, name }));

const byCode = new Map(provinceEntries.map((p) => [p.code, p]));

/** City-level names from the source that do not name a real city. */
const PLACEHOLDER_CITY_NAMES: ReadonlySet<string> = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/** True if a city-level node is a grouping placeholder (e.g. 北京市 → 市辖区). */
export function isPlaceholderCityName(name: string): boolean {
  return PLACEHOLDER_CITY_NAMES.has(name);
}

/** The province-level entry with this exact code, or undefined. */
export function findProvince(code: string): ProvinceEntry | undefined {
  return typeof code === 'string' ? byCode.get(code) : undefined;
}

/** A province's name in a locale ('en': English, else Chinese). */
export function provinceName(p: { code: string; name: string }, locale: string): string {
  return locale === 'en' ? (byCode.get(p.code)?.nameEn ?? p.name) : p.name;
}

/**
 * The province-level entry for a code, looked up by its first two digits.
 * Works for any string starting with two digits (a region code, also one no
 * longer in the tree such as a retired district, or a resident ID number).
 */
export function provinceOf(code: string): { code: string; name: string } | undefined {
  if (typeof code !== 'string' || !/^\d{2}/.test(code)) return undefined;
  const p = byCode.get(`${code.slice(0, 2)}0000`);
  return p ? { code: p.code, name: p.name } : undefined;
}

const CODE_RE = /^\d{6}$/;

/**
 * The part of a region code's validity the browser can check: 6 digits under a
 * known province. Whether the code exists is for the server (region-checks.ts).
 */
export function isRegionCodeShape(code: string): boolean {
  return typeof code === 'string' && CODE_RE.test(code) && byCode.has(`${code.slice(0, 2)}0000`);
}

/**
 * The shape of a region someone is in (a city or district, or a province-level
 * entry without subdivisions): a well-formed code that is not a province with
 * subdivisions. The server adds that the code exists (isSpecificRegionCode).
 */
export function isSpecificRegionShape(code: string): boolean {
  if (!isRegionCodeShape(code)) return false;
  const p = byCode.get(code);
  return p === undefined || p.leaf;
}

/** The cached route that answers a province's cities and districts. */
export function provinceRegionsUrl(provinceCode: string): string {
  return `/api/regions/${encodeURIComponent(provinceCode)}?v=${REGION_DATA_VERSION}`;
}

/** One node of a province's subtree as the region route answers it: both names. */
export type RegionBranch = {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly children?: readonly RegionBranch[];
};

/** The region route's body: the province and its city-level nodes (placeholders included, as in the tree) with their districts. */
export type ProvinceRegions = { version: string; province: RegionBranch; cities: readonly RegionBranch[] };
