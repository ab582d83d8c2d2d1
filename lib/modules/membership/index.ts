import type { ModuleManifest } from '@/lib/platform/manifest';
import { canManageMembership } from './access';
import { CHANGES_CERTIFICATE_TYPES, CHANGES_JOBS, CHANGES_KINDS, CHANGES_MESSAGES, CHANGES_PORTAL_NAV, CHANGES_SETTING_DEFAULTS, CHANGES_STAFF_NAV } from './changes';
import { MEMBERSHIP_SETTING_DEFAULTS } from './defaults';
import { membershipHome } from './home';
import { membershipKind } from './kind';
import { MEMBER_CERTIFICATE } from './member';
import { OVERDUE_SETTING_DEFAULTS, overdueApplicantItems, overdueHomePanels, overdueStageEmailPreview, overdueTask } from './overdue';

/**
 * Module B · enterprise membership and qualification levels (SPEC §3, seed
 * 001). Today: 入会申请 (notice → form → review → delivery → dues by bank
 * transfer → member certificate), the staged overdue handling of the
 * qualification's annual review (overdue/), 信息变更, 证书补办 and
 * 外省企业备案 (changes/); qualifications follow.
 */
export const membershipModule: ModuleManifest = {
  key: 'membership',
  kinds: [membershipKind, ...CHANGES_KINDS],
  certificateTypes: [
    { type: MEMBER_CERTIFICATE, module: 'membership', labelKey: 'membership.certificates.member', prefix: 'HY', subjectLabels: { memberNumber: 'membership.certificates.memberNumber', creditCode: 'membership.certificates.creditCode' } },
    ...CHANGES_CERTIFICATE_TYPES,
  ],
  defaultSettings: { ...MEMBERSHIP_SETTING_DEFAULTS, ...OVERDUE_SETTING_DEFAULTS, ...CHANGES_SETTING_DEFAULTS },
  jobs: [...CHANGES_JOBS],
  periodic: [overdueTask],
  emailTemplates: [overdueStageEmailPreview],
  portal: {
    // The annual review's warning or suspension first: it is what the enterprise must see.
    home: async (ctx) => [...(await overdueHomePanels(ctx)), ...(await membershipHome(ctx))],
    items: overdueApplicantItems,
    nav: CHANGES_PORTAL_NAV,
  },
  staff: {
    nav: [
      { href: '/staff/membership/overdue', label: 'qualificationOverdue.staff.nav', icon: 'calendar', visible: canManageMembership, order: 44 },
      { href: '/staff/membership/settings', label: 'membership.settings.nav', icon: 'settings', visible: canManageMembership, order: 45 },
      ...CHANGES_STAFF_NAV,
    ],
  },
  messages: ['membership', 'qualificationOverdue', CHANGES_MESSAGES],
};
