'use client';
import * as React from 'react';
import { AppLink } from '@/components/ui/app-link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { FormAlert } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { fireTransitionAction } from '@/lib/platform/workflow/actions/fire-transition';

/** What the applicant may do now: pages to go on (continue editing, a step with its own form) and transitions without data (withdraw …), each confirmed. */
export function ApplicantActions({
  applicationId,
  version,
  links,
  actions,
}: {
  applicationId: string;
  version: number;
  links: Array<{ href: string; label: string }>;
  actions: Array<{ event: string; label: string; confirm: string; destructive?: boolean }>;
}) {
  const t = useTranslations('workflow.review');
  const router = useRouter();
  const [error, setError] = React.useState<string>();
  const [pending, start] = React.useTransition();
  if (links.length === 0 && actions.length === 0) return null;
  return (
    <div className="flex flex-col gap-2" data-testid="applicant-actions">
      <FormAlert message={error} />
      <div className="flex flex-wrap gap-2">
        {links.map((l) => (
          <Button asChild key={l.href}>
            <AppLink href={l.href}>{l.label}</AppLink>
          </Button>
        ))}
        {actions.map((a) => (
          <ConfirmDialog
            key={a.event}
            trigger={
              <Button type="button" variant={a.destructive ? 'outline' : 'default'} disabled={pending}>
                {a.label}
              </Button>
            }
            title={t('confirmTitle', { action: a.label })}
            description={a.confirm}
            confirmLabel={t('confirm')}
            cancelLabel={t('cancel')}
            danger={Boolean(a.destructive)}
            onConfirm={() =>
              start(async () => {
                const r = await fireTransitionAction({ applicationId, event: a.event, version });
                if (!r.ok) setError(r.message);
                else router.refresh();
              })
            }
          />
        ))}
      </div>
    </div>
  );
}
