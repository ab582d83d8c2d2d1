import type { ModuleManifest } from '@/lib/platform/manifest';
import { canManageMembership } from './access';
import { MEMBERSHIP_SETTING_DEFAULTS } from './defaults';
import { membershipHome } from './home';
import { membershipKind } from './kind';
import { MEMBER_CERTIFICATE } from './member';
import { OVERDUE_SETTING_DEFAULTS, overdueApplicantItems, overdueHomePanels, overdueStageEmailPreview, overdueTask } from './overdue';

/**
 * Module B · enterprise membership and qualification levels (SPEC §3, seed
 * 001). Today: 入会申请 (notice → form → review → delivery → dues by bank
 * transfer → member certificate) and the staged overdue handling of the
 * qualification's annual review (overdue/); qualifications follow.
 */
export const membershipModule: ModuleManifest = {
  key: 'membership',
  kinds: [membershipKind],
  certificateTypes: [{ type: MEMBER_CERTIFICATE, module: 'membership', labelKey: 'membership.certificates.member', prefix: 'HY', subjectLabels: { memberNumber: 'membership.certificates.memberNumber', creditCode: 'membership.certificates.creditCode' } }],
  defaultSettings: { ...MEMBERSHIP_SETTING_DEFAULTS, ...OVERDUE_SETTING_DEFAULTS },
  periodic: [overdueTask],
  emailTemplates: [overdueStageEmailPreview],
  portal: {
    // The annual review's warning or suspension first: it is what the enterprise must see.
    home: async (ctx) => [...(await overdueHomePanels(ctx)), ...(await membershipHome(ctx))],
    items: overdueApplicantItems,
  },
  staff: {
    nav: [
      { href: '/staff/membership/overdue', label: 'qualificationOverdue.staff.nav', icon: 'calendar', visible: canManageMembership, order: 44 },
      { href: '/staff/membership/settings', label: 'membership.settings.nav', icon: 'settings', visible: canManageMembership, order: 45 },
    ],
  },
  messages: ['membership', 'qualificationOverdue'],
};
