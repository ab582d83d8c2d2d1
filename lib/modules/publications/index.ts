import type { ModuleManifest } from '@/lib/platform/manifest';
import { can } from '@/lib/platform/auth/permissions';

/** 动态信息 / 鉴定评审文件: notices with attachments, published by staff per module. */
export const publicationsModule: ModuleManifest = {
  key: 'publications',
  staff: {
    nav: [
      {
        href: '/staff/notices',
        label: 'publications.nav',
        icon: 'megaphone',
        visible: (actor) => can(actor, { action: 'staff.role', role: 'admin' }) || (actor.kind === 'staff' && actor.roles.some((r) => r.role === 'reviewer' || r.role === 'review_planner')),
        order: 10,
      },
    ],
  },
  messages: ['publications'],
};
