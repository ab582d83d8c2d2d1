import { ScopedIntlProvider } from '@/i18n/scoped-provider';
import { getTranslations } from 'next-intl/server';
import { Building2, ClipboardList, FileStack, FlaskConical, FolderOpen, GraduationCap, Home, IdCard, Scale, KeyRound, UserCog, Users } from 'lucide-react';
import { ConsoleShell } from '@/components/layout/console-shell';
import { NAV_ICONS } from '@/components/layout/nav-icons';
import { portalNav } from '@/lib/platform/manifest';
import { requireActor } from '@/lib/platform/auth/server';
import { can, usableModules } from '@/lib/platform/auth/permissions';

const moduleIcons = { accreditation: FlaskConical, membership: Building2, personnel: IdCard, exam: GraduationCap, review: Scale } as const;

/**
 * No loading.tsx under the portal (nor the console): its pages read one applicant's data and answer in
 * 20–45 ms, and a loading placeholder would hold them back. React 19.2 reveals content that streams in after the
 * placeholder has painted no sooner than 300 ms after that paint, so the placeholder made the
 * registration steps' content (their largest paint) appear at ~400 ms instead of ~120 ms. The side
 * navigation's links show a spinner while the next page is on its way (NavLink `pendingHint`).
 */
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor({ next: '/portal' });
  const t = await getTranslations();
  // Only the modules this account may use are shown; the server refuses the others regardless.
  const modules = usableModules(actor);
  return (
    <ScopedIntlProvider scope="portalShell">
      <ConsoleShell
        title={t('portal.title')}
        home="/portal"
        user={{ name: actor.name, logoutTo: '/' }}
        groups={[
          {
            items: [
              { href: '/portal', label: t('portal.nav.home'), icon: Home, exact: true },
              { href: '/portal/tasks', label: t('workflow.tasks.title'), icon: ClipboardList },
              { href: '/portal/applications', label: t('workflow.mine.title'), icon: FileStack },
              { href: '/portal/files', label: t('documents.files.title'), icon: FolderOpen },
              // Entries modules and platform services add through their manifests (我的证书 …).
              ...portalNav(actor).map((e) => ({ href: e.href, label: t(e.label as never), icon: NAV_ICONS[e.icon] })),
            ],
          },
          {
            title: t('portal.modulesTitle'),
            items: modules.map((k) => ({
              href: `/portal/${k}`,
              label: t(`modules.${k}.name`),
              icon: moduleIcons[k],
            })),
          },
          {
            items: [
              ...(can(actor, { action: 'org.manageSubAccounts' }) ? [{ href: '/portal/account/sub-accounts', label: t('subAccounts.title'), icon: Users }] : []),
              { href: '/portal/account', label: t('accountSettings.title'), icon: UserCog, exact: true },
              { href: '/portal/account/password', label: t('account.changePassword'), icon: KeyRound },
            ],
          },
        ]}
      >
        {children}
      </ConsoleShell>
    </ScopedIntlProvider>
  );
}
