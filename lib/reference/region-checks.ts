import type { z } from 'zod';
import { isRegionCodeShape, isSpecificRegionShape } from './provinces';
import { childrenOf, isValidRegionCode, regionLevel } from './regions';

/**
 * The server's half of a region code's check. Schemas shared with the browser
 * check only the shape (provinces.ts: 6 digits under a known province), so the
 * region tree stays out of client bundles; the definitions that run on the
 * server (actions' schemas, a workflow kind's schema) wrap them with
 * `withRegionChecks`, which refuses a well-formed code that is not in the tree
 * with the same message at the same field. Server-only: it imports the tree.
 */

/** A region someone is in: a city or district in the tree, or a province-level entry without subdivisions (香港, 澳门, 台湾). */
export function isSpecificRegionCode(code: string): boolean {
  if (!isValidRegionCode(code)) return false;
  return regionLevel(code) !== 'province' || childrenOf(code).length === 0;
}

export type RegionRule = {
  /** Where the code is in the parsed value, e.g. ['regionCode'] or ['info', 'residenceRegion']. */
  path: readonly (string | number)[];
  /** The browser's check of the field (its failure is already reported there, so it is not reported twice). */
  shape: (code: string) => boolean;
  /** The full check, with the tree. */
  exists: (code: string) => boolean;
  /** The field's message for a code that fails, as the shared schema words it. */
  message: string;
};

/** The usual rule: a city or district (or 香港 / 澳门 / 台湾), worded as the forms word it. */
export const specificRegionRule = (path: readonly (string | number)[], message = '请选择到市或区县'): RegionRule => ({
  path,
  shape: isSpecificRegionShape,
  exists: isSpecificRegionCode,
  message,
});

/** Any code in the tree (a province, city or district). */
export const knownRegionRule = (path: readonly (string | number)[], message: string): RegionRule => ({ path, shape: isRegionCodeShape, exists: isValidRegionCode, message });

function at(value: unknown, path: readonly (string | number)[]): unknown {
  let v = value;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

/**
 * The schema with the server's check of its region codes: a code that passes
 * the browser's shape check but is not in the tree is refused at its field
 * with the rule's message. Absent or empty values are left to the schema.
 */
export function withRegionChecks<S extends z.ZodType>(schema: S, rules: readonly RegionRule[]): S {
  return schema.superRefine((value, ctx) => {
    for (const rule of rules) {
      const code = at(value, rule.path);
      if (typeof code !== 'string' || code === '' || !rule.shape(code)) continue;
      if (!rule.exists(code)) ctx.addIssue({ code: 'custom', path: [...rule.path], message: rule.message });
    }
  }) as S;
}
