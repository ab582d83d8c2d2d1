import { MODULES } from '@/lib/platform/modules';

/** The modules a main account can grant its sub-accounts: the organization modules. Without zod: the browser form lists them and loads the schema only to validate. */
export const ORG_MODULE_KEYS = MODULES.filter((m) => m.audience === 'organization').map((m) => m.key) as ['accreditation', 'membership', 'review'];
