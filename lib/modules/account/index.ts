import type { ModuleManifest } from '@/lib/platform/manifest';

/** Accounts: sign-up, recovery, account settings, sub-accounts, legacy activation (SPEC §1.1). */
export const accountModule: ModuleManifest = {
  key: 'account',
  messages: ['account', 'subAccounts', 'recover', 'accountSettings', 'legacy'],
};
