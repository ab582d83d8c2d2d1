import type { ModuleManifest } from '@/lib/platform/manifest';
import { can } from '@/lib/platform/auth/permissions';

const isAdmin = (actor: Parameters<typeof can>[0]) => can(actor, { action: 'staff.role', role: 'admin' });

/** Staff accounts and the audit log (admins). */
export const staffAdminModule: ModuleManifest = {
  key: 'staff-admin',
  staff: {
    nav: [
      { href: '/staff/users', label: 'staff.nav.users', icon: 'users', visible: isAdmin, order: 80 },
      { href: '/staff/audit', label: 'staff.nav.audit', icon: 'scroll', visible: isAdmin, order: 81 },
      { href: '/staff/site-settings', label: 'siteFooter.nav', icon: 'settings', visible: isAdmin, order: 82 },
    ],
  },
  messages: ['staffUsers', 'auditLog', 'siteFooter'],
};
