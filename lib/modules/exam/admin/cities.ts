import { isRegionCodeShape } from '@/lib/reference/provinces';
import type { RegionRule } from '@/lib/reference/region-checks';
import { isPlaceholderCityName, regionPath, regions } from '@/lib/reference/regions';

/**
 * The cities an exam area (考区) may be tied to: city-level codes of the
 * region tree, as a person names them.
 * - Municipalities (北京, 上海, 天津, 重庆) have only placeholder city nodes
 *   (市辖区, 县); their first one (110100 …) stands for the city itself.
 * - County-level cities directly under a province (仙桃市 under
 *   省直辖县级行政区划) count as cities.
 * - 台湾, 香港, 澳门 have no children: the province-level code is the city.
 * Pure, server-side (it reads the region tree): the staff page passes the
 * groups to the area editor, the actions accept only these (areaCityRule).
 */
export type CityOption = { code: string; name: string };
export type ProvinceCities = { province: string; cities: CityOption[] };

let cache: { groups: ProvinceCities[]; codes: Map<string, string> } | null = null;

function build() {
  const groups: ProvinceCities[] = regions.map((p) => {
    const kids = p.children ?? [];
    if (kids.length === 0) return { province: p.name, cities: [{ code: p.code, name: p.name }] };
    if (kids.every((c) => isPlaceholderCityName(c.name))) return { province: p.name, cities: [{ code: kids[0].code, name: p.name }] };
    return {
      province: p.name,
      cities: kids.flatMap((c) => (isPlaceholderCityName(c.name) ? (c.children ?? []).map((d) => ({ code: d.code, name: d.name })) : [{ code: c.code, name: c.name }])),
    };
  });
  const codes = new Map(groups.flatMap((g) => g.cities.map((c) => [c.code, c.name] as const)));
  return { groups, codes };
}

export function areaCityGroups(): ProvinceCities[] {
  return (cache ??= build()).groups;
}

export function isAreaCityCode(code: string): boolean {
  return (cache ??= build()).codes.has(code);
}

/** '浙江省 杭州市', '北京市'; the code itself when unknown (a code retired from the tree). */
export function areaCityLabel(code: string | null | undefined): string {
  if (!code) return '';
  return regionPath(code) ?? code;
}

/** The actions' check of an area's city (the shared schema checks only the code's shape). */
export const areaCityRule: RegionRule = { path: ['regionCode'], shape: isRegionCodeShape, exists: isAreaCityCode, message: '请选择有效的城市' };
