import { getTranslations } from 'next-intl/server';
import { Award, BadgeCheck, CalendarClock, ClipboardList, CreditCard, Settings2, Inbox, Megaphone, KeyRound, LayoutDashboard, Mail, ScrollText, UsersRound } from 'lucide-react';
import { ConsoleShell } from '@/components/layout/console-shell';
import { can } from '@/lib/platform/auth/permissions';
import { requireActor } from '@/lib/platform/auth/server';
import { canSeeCertificates } from '@/lib/platform/certificates/access';
import { staffKinds } from '@/lib/platform/workflow';
import { canManageInstitutions } from '@/lib/modules/accreditation/institutions/services/access';
import { canAdministerExams } from '@/lib/modules/exam/admin/services/access';

export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor({ staff: true, next: '/staff' });
  const t = await getTranslations('staff');
  const tAccount = await getTranslations('account');
  const tInst = await getTranslations('accreditedInstitutions');
  const tPub = await getTranslations('publications');
  const tAcc = await getTranslations('accreditation');
  const tExam = await getTranslations('examAdmin');
  const tPay = await getTranslations('payments');
  const tCert = await getTranslations('certificates');
  const isAdmin = can(actor, { action: 'staff.role', role: 'admin' });
  return (
    <ConsoleShell
      dense
      title={t('title')}
      home="/staff"
      user={{ name: actor.name, logoutTo: '/login?as=staff' }}
      groups={[
        {
          // Each later capability (queues, publishing, users, audit, settings) adds its entry here.
          items: [
            { href: '/staff', label: t('nav.dashboard'), icon: LayoutDashboard, exact: true },
            ...(staffKinds(actor).length
              ? [
                  { href: '/staff/tasks', label: t('nav.tasks'), icon: ClipboardList },
                  { href: '/staff/queue', label: t('nav.queues'), icon: Inbox },
                ]
              : []),
            ...(isAdmin || (actor.kind === 'staff' && actor.roles.some((r) => r.role === 'reviewer' || r.role === 'review_planner')) ? [{ href: '/staff/notices', label: tPub('nav'), icon: Megaphone }] : []),
            ...(isAdmin || (actor.kind === 'staff' && actor.roles.some((r) => r.role === 'finance')) ? [{ href: '/staff/payments', label: tPay('staff.navLabel'), icon: CreditCard }] : []),
            ...(canSeeCertificates(actor) ? [{ href: '/staff/certificates', label: tCert('staff.navLabel'), icon: BadgeCheck }] : []),
            ...(canAdministerExams(actor) ? [{ href: '/staff/exams', label: tExam('nav'), icon: CalendarClock }] : []),
            ...(canManageInstitutions(actor)
              ? [
                  { href: '/staff/accreditation/institutions', label: tInst('staff.navLabel'), icon: Award },
                  { href: '/staff/accreditation/settings', label: tAcc('settings.nav'), icon: Settings2 },
                ]
              : []),
            ...(isAdmin
              ? [
                  { href: '/staff/users', label: t('nav.users'), icon: UsersRound },
                  { href: '/staff/audit', label: t('nav.audit'), icon: ScrollText },
                ]
              : []),
            { href: '/mailbox', label: t('nav.mailbox'), icon: Mail },
            { href: '/staff/account/password', label: tAccount('changePassword'), icon: KeyRound },
          ],
        },
      ]}
    >
      {children}
    </ConsoleShell>
  );
}
