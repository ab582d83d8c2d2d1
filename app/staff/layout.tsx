import { getTranslations } from 'next-intl/server';
import { LayoutDashboard, Mail } from 'lucide-react';
import { ConsoleShell } from '@/components/layout/console-shell';

export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations('staff');
  return (
    <ConsoleShell
      dense
      title={t('title')}
      home="/staff"
      groups={[
        {
          // Each later capability (queues, publishing, users, audit, settings) adds its entry here.
          items: [
            { href: '/staff', label: t('nav.dashboard'), icon: LayoutDashboard, exact: true },
            { href: '/mailbox', label: t('nav.mailbox'), icon: Mail },
          ],
        },
      ]}
    >
      {children}
    </ConsoleShell>
  );
}
