import type { ModuleManifest } from '@/lib/platform/manifest';
import { canManageMembership } from './access';
import { MEMBERSHIP_SETTING_DEFAULTS } from './defaults';
import { membershipHome } from './home';
import { membershipKind } from './kind';
import { MEMBER_CERTIFICATE } from './member';
import { staffPhotoSlot, TRAINING_PORTAL_NAV, TRAINING_SETTING_DEFAULTS, TRAINING_STAFF_NAV } from './staff/manifest';

/**
 * Module B · enterprise membership and qualification levels (SPEC §3, seed
 * 001). Today: 入会申请 (notice → form → review → delivery → dues by bank
 * transfer → member certificate); 技术培训 (technical staff roster, training
 * courses, batch enrollment: ./staff); qualifications follow.
 */
export const membershipModule: ModuleManifest = {
  key: 'membership',
  kinds: [membershipKind],
  certificateTypes: [{ type: MEMBER_CERTIFICATE, module: 'membership', labelKey: 'membership.certificates.member', prefix: 'HY', subjectLabels: { memberNumber: 'membership.certificates.memberNumber', creditCode: 'membership.certificates.creditCode' } }],
  personalSlots: [staffPhotoSlot],
  defaultSettings: { ...MEMBERSHIP_SETTING_DEFAULTS, ...TRAINING_SETTING_DEFAULTS },
  portal: { home: membershipHome, nav: [...TRAINING_PORTAL_NAV] },
  staff: { nav: [{ href: '/staff/membership/settings', label: 'membership.settings.nav', icon: 'settings', visible: canManageMembership, order: 45 }, ...TRAINING_STAFF_NAV] },
  messages: ['membership', 'membershipStaff'],
};
