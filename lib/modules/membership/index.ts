import type { ModuleManifest } from '@/lib/platform/manifest';
import { canManageMembership } from './access';
import { MEMBERSHIP_SETTING_DEFAULTS } from './defaults';
import { membershipHome } from './home';
import { membershipKind } from './kind';
import { MEMBER_CERTIFICATE } from './member';

/**
 * Module B · enterprise membership and qualification levels (SPEC §3, seed
 * 001). Today: 入会申请 (notice → form → review → delivery → dues by bank
 * transfer → member certificate); qualifications follow.
 */
export const membershipModule: ModuleManifest = {
  key: 'membership',
  kinds: [membershipKind],
  certificateTypes: [{ type: MEMBER_CERTIFICATE, module: 'membership', labelKey: 'membership.certificates.member', prefix: 'HY', subjectLabels: { memberNumber: 'membership.certificates.memberNumber', creditCode: 'membership.certificates.creditCode' } }],
  defaultSettings: MEMBERSHIP_SETTING_DEFAULTS,
  portal: { home: membershipHome },
  staff: { nav: [{ href: '/staff/membership/settings', label: 'membership.settings.nav', icon: 'settings', visible: canManageMembership, order: 45 }] },
  messages: ['membership'],
};
