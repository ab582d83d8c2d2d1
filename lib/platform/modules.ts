/**
 * The five business modules. Keys are stable identifiers used in permissions
 * (sub-account grants, staff roles per module) and in URLs.
 */
export const MODULES = [
  { key: 'accreditation', letter: 'A', audience: 'organization', portalPath: '/portal/accreditation' },
  { key: 'membership', letter: 'B', audience: 'organization', portalPath: '/portal/membership' },
  { key: 'personnel', letter: 'C', audience: 'individual', portalPath: '/portal/personnel' },
  { key: 'exam', letter: 'D', audience: 'individual', portalPath: '/portal/exam' },
  { key: 'review', letter: 'E', audience: 'organization', portalPath: '/portal/review' },
] as const;

export type ModuleKey = (typeof MODULES)[number]['key'];
export const MODULE_KEYS = MODULES.map((m) => m.key) as ModuleKey[];

export function isModuleKey(v: string): v is ModuleKey {
  return (MODULE_KEYS as string[]).includes(v);
}
