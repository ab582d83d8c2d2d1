import { getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { ScopedIntlProvider } from '@/i18n/scoped-provider';
import { ReviewNav } from '@/components/review/review-nav';
import { can } from '@/lib/platform/auth/permissions';
import { requireActor } from '@/lib/platform/auth/server';

/**
 * Module E in the portal. Every page under /portal/review needs an
 * organization account with the module (the main account, or a sub-account
 * the main account granted it); anyone else sees "no permission" here, and
 * the actions refuse them regardless.
 */
export default async function ReviewLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor({ next: '/portal/review' });
  const t = await getTranslations();
  if (!can(actor, { action: 'module.use', module: 'review' })) {
    return (
      <ScopedIntlProvider scope="portalReview">
        <Forbidden detail={t('portal.moduleForbidden', { module: t('modules.review.name') })} />
      </ScopedIntlProvider>
    );
  }
  return (
    <ScopedIntlProvider scope="portalReview">
      <div className="flex max-w-6xl flex-col gap-4">
        <ReviewNav
          label={t('review.nav.label')}
          items={[
            { href: '/portal/review', label: t('review.nav.home'), exact: true },
            { href: '/portal/review/tasks', label: t('review.nav.tasks') },
            { href: '/portal/review/projects', label: t('review.nav.projects') },
            { href: '/portal/review/unit', label: t('review.nav.unit') },
            { href: '/portal/review/documents', label: t('review.nav.documents') },
          ]}
        />
        {children}
      </div>
    </ScopedIntlProvider>
  );
}
