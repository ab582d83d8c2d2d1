import type { ModuleManifest } from '@/lib/platform/manifest';
import { canManageMembership } from './access';
import { MEMBERSHIP_SETTING_DEFAULTS } from './defaults';
import { membershipHome } from './home';
import { membershipKind } from './kind';
import { MEMBER_CERTIFICATE } from './member';
import { OVERDUE_SETTING_DEFAULTS, overdueApplicantItems, overdueHomePanels, overdueStageEmailPreview, overdueTask } from './overdue';
import { staffPhotoSlot, TRAINING_PORTAL_NAV, TRAINING_SETTING_DEFAULTS, TRAINING_STAFF_NAV } from './staff/manifest';
import { QUALIFICATION_SETTING_DEFAULTS, qualificationCertificateType, qualificationKindDefs, qualificationPortalNav, qualificationStaffNav } from './qualification';

/**
 * Module B · enterprise membership and qualification levels (SPEC §3, seed
 * 001): 入会申请 (notice → form → review → delivery → dues by bank transfer →
 * member certificate); 技术培训 (technical staff roster, training courses,
 * batch enrollment: ./staff); qualifications (资质申请, 年审, 晋级, 降级, 到期换证 on
 * staff-configured levels → the qualification certificate) with the staged
 * overdue handling of annual reviews (overdue/).
 */
export const membershipModule: ModuleManifest = {
  key: 'membership',
  kinds: [membershipKind, ...qualificationKindDefs],
  certificateTypes: [
    { type: MEMBER_CERTIFICATE, module: 'membership', labelKey: 'membership.certificates.member', prefix: 'HY', subjectLabels: { memberNumber: 'membership.certificates.memberNumber', creditCode: 'membership.certificates.creditCode' } },
    qualificationCertificateType,
  ],
  personalSlots: [staffPhotoSlot],
  defaultSettings: { ...MEMBERSHIP_SETTING_DEFAULTS, ...TRAINING_SETTING_DEFAULTS, ...QUALIFICATION_SETTING_DEFAULTS, ...OVERDUE_SETTING_DEFAULTS },
  periodic: [overdueTask],
  emailTemplates: [overdueStageEmailPreview],
  portal: {
    // The annual review's warning or suspension first: it is what the enterprise must see.
    home: async (ctx) => [...(await overdueHomePanels(ctx)), ...(await membershipHome(ctx))],
    nav: [...TRAINING_PORTAL_NAV, ...qualificationPortalNav],
    items: overdueApplicantItems,
  },
  staff: {
    nav: [
      { href: '/staff/membership/overdue', label: 'qualificationOverdue.staff.nav', icon: 'calendar', visible: canManageMembership, order: 44 },
      { href: '/staff/membership/settings', label: 'membership.settings.nav', icon: 'settings', visible: canManageMembership, order: 45 },
      ...qualificationStaffNav,
      ...TRAINING_STAFF_NAV,
    ],
  },
  messages: ['membership', 'qualificationOverdue', 'qualification', 'membershipStaff'],
};
