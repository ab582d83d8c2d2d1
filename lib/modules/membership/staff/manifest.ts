import type { NavEntry } from '@/lib/platform/manifest';
import { defineSlots, MB, type SlotSpec } from '@/lib/platform/documents/slots';
import { canManageTraining, canUseRoster } from './access';
import { TRAINING_SETTING_DEFAULTS } from './defaults';
import { STAFF_PHOTO_SLOT } from './schemas';

/**
 * What 技术培训 (technical staff roster and training enrollment) adds to module
 * B's manifest (lib/modules/membership/index.ts): the roster photo slot, the
 * 报名须知 default, the portal entries 技术人员 and 培训报名 (organizations with
 * the module) and the staff entry 培训管理 (admins and module-B reviewers).
 */
export const staffPhotoSlot: SlotSpec = defineSlots([
  // One person's photo each; several people's photos at once, so uploads never replace each other.
  { key: STAFF_PHOTO_SLOT, label: 'membershipStaff.photo.slot', types: ['jpg', 'png'], maxBytes: 5 * MB, required: false, multiple: true },
])[0];

export const TRAINING_PORTAL_NAV: readonly NavEntry[] = [
  { href: '/portal/membership/staff', label: 'membershipStaff.nav.roster', icon: 'users', visible: canUseRoster, order: 40 },
  { href: '/portal/membership/training', label: 'membershipStaff.nav.training', icon: 'graduation', visible: canUseRoster, order: 41 },
];

export const TRAINING_STAFF_NAV: readonly NavEntry[] = [{ href: '/staff/membership/training', label: 'membershipStaff.nav.staffTraining', icon: 'graduation', visible: canManageTraining, order: 46 }];

export { TRAINING_SETTING_DEFAULTS };
