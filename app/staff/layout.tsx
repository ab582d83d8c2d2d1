import { ScopedIntlProvider } from '@/i18n/scoped-provider';
import { getTranslations } from 'next-intl/server';
import { ClipboardList, Inbox, KeyRound, LayoutDashboard, Mail } from 'lucide-react';
import { ConsoleShell } from '@/components/layout/console-shell';
import { NAV_ICONS } from '@/components/layout/nav-icons';
import { requireActor } from '@/lib/platform/auth/server';
import { staffKinds } from '@/lib/platform/workflow';
import { staffNav } from '@/lib/platform/manifest';

export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor({ staff: true, next: '/staff' });
  const t = await getTranslations('staff');
  const tAccount = await getTranslations('account');
  const tAll = await getTranslations();
  return (
    <ScopedIntlProvider scope="staffShell">
      <ConsoleShell
        dense
        title={t('title')}
        home="/staff"
        user={{ name: actor.name, logoutTo: '/login?as=staff' }}
        groups={[
          {
            items: [
              { href: '/staff', label: t('nav.dashboard'), icon: LayoutDashboard, exact: true },
              ...(staffKinds(actor).length
                ? [
                    { href: '/staff/tasks', label: t('nav.tasks'), icon: ClipboardList },
                    { href: '/staff/queue', label: t('nav.queues'), icon: Inbox },
                  ]
                : []),
              // Module entries come from the manifests (lib/modules/<m>/index.ts), each shown only to whom may use it.
              ...staffNav(actor).map((e) => ({ href: e.href, label: tAll(e.label as never), icon: NAV_ICONS[e.icon] })),
              { href: '/mailbox', label: t('nav.mailbox'), icon: Mail },
              { href: '/staff/account/password', label: tAccount('changePassword'), icon: KeyRound },
            ],
          },
        ]}
      >
        {children}
      </ConsoleShell>
    </ScopedIntlProvider>
  );
}
