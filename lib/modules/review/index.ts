import { MB } from '@/lib/platform/documents/slots';
import type { ModuleManifest } from '@/lib/platform/manifest';
import { canManageReviewSettings, canSeeReviewStaffPages } from './access';
import { UNIT_LICENSE_SLOT } from './constants';
import { reviewProjectKind } from './kind';
import { negotiationLetter, reviewNotice } from './pdf/templates';
import { REVIEW_SETTING_DEFAULTS } from './settings';

/**
 * Module E · appraisal review projects (SPEC §6, seed 004): the review
 * project kind (申请资料 → 预审 → 约请 → 商洽函 → 评审通知 → 现场评审 →
 * 整改 / 确认约请 → 评价 → 完成), its rounds, the negotiation letter and the
 * review notice PDFs, the unit's basic information and the staff pages.
 */
export const reviewModule: ModuleManifest = {
  key: 'review',
  kinds: [reviewProjectKind],
  pdfTemplates: [negotiationLetter, reviewNotice],
  // 单位信息管理's business licence (the unit's current one is named in its profile).
  personalSlots: [{ key: UNIT_LICENSE_SLOT, label: 'review.unit.license', types: ['pdf', 'jpg', 'png'], maxBytes: 10 * MB, required: false }],
  defaultSettings: REVIEW_SETTING_DEFAULTS,
  staff: {
    nav: [
      { href: '/staff/review/projects', label: 'review.staff.nav.projects', icon: 'scale', visible: canSeeReviewStaffPages, order: 50 },
      { href: '/staff/review/evaluations', label: 'review.staff.nav.evaluations', icon: 'clipboard', visible: canSeeReviewStaffPages, order: 51 },
      { href: '/staff/review/settings', label: 'review.staff.nav.settings', icon: 'settings', visible: canManageReviewSettings, order: 52 },
    ],
  },
  messages: ['review'],
};
