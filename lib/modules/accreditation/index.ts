import type { ModuleManifest } from '@/lib/platform/manifest';
import { fieldChangeKind } from './field-change/kind';
import { accreditationHome } from './home';
import { canManageInstitutions } from './institutions/services/access';
import { preApplicationKind } from './pre-application/kind';
import { ACCREDITATION_SETTING_DEFAULTS } from './settings/defaults';

/** Module A · laboratory accreditation pre-application (SPEC §2, seed 000). */
export const accreditationModule: ModuleManifest = {
  key: 'accreditation',
  kinds: [preApplicationKind, fieldChangeKind],
  defaultSettings: ACCREDITATION_SETTING_DEFAULTS,
  readingNotices: [{ key: 'accreditation.login', module: 'accreditation' }],
  portal: { home: accreditationHome },
  staff: {
    nav: [
      { href: '/staff/accreditation/institutions', label: 'accreditedInstitutions.staff.navLabel', icon: 'award', visible: canManageInstitutions, order: 40 },
      { href: '/staff/accreditation/settings', label: 'accreditation.settings.nav', icon: 'settings', visible: canManageInstitutions, order: 41 },
    ],
  },
  messages: ['accreditation', 'accreditedInstitutions'],
};
