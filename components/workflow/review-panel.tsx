'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { FormAlert } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { assignApplicationAction } from '@/lib/platform/workflow/actions/assign-application';
import { fireTransitionAction } from '@/lib/platform/workflow/actions/fire-transition';

export type PanelAction = { event: string; label: string; opinion?: 'required' | 'optional'; destructive?: boolean };

/**
 * The actions the kind allows this staff member now, with an opinion box and a
 * confirmation. The server checks everything again; a race shows its message.
 */
export function ReviewPanel({ applicationId, version, actions }: { applicationId: string; version: number; actions: PanelAction[] }) {
  const t = useTranslations('workflow.review');
  const router = useRouter();
  const [opinion, setOpinion] = React.useState('');
  const [error, setError] = React.useState<string>();
  const [fieldError, setFieldError] = React.useState<string>();
  const [done, setDone] = React.useState<string>();
  const [pending, startTransition] = React.useTransition();
  const needsOpinion = actions.some((a) => a.opinion === 'required');
  const opinionRef = React.useRef<HTMLTextAreaElement>(null);

  /** Before the confirmation: an action that needs a reason says so beside the field, and the dialog stays closed. */
  const ready = (a: PanelAction): boolean => {
    setDone(undefined);
    if (a.opinion === 'required' && !opinion.trim()) {
      setFieldError(t('opinionMissing', { action: a.label }));
      opinionRef.current?.focus();
      return false;
    }
    setFieldError(undefined);
    return true;
  };

  if (actions.length === 0) return <p className="text-sm text-muted-foreground">{t('noActions')}</p>;

  const fire = (a: PanelAction) =>
    startTransition(async () => {
      setError(undefined);
      setFieldError(undefined);
      if (a.opinion === 'required' && !opinion.trim()) {
        setFieldError(t('opinionMissing', { action: a.label }));
        return;
      }
      const r = await fireTransitionAction({ applicationId, event: a.event, opinion: opinion || undefined, version });
      if (!r.ok) {
        setError(r.message);
        if (r.fieldErrors?.opinion) setFieldError(r.fieldErrors.opinion[0]);
        return;
      }
      setDone(t('done', { action: a.label }));
      setOpinion('');
      router.refresh();
    });

  return (
    <div className="flex flex-col gap-3" data-testid="review-panel">
      <div className="flex flex-col gap-1">
        <label htmlFor="review-opinion" className="text-sm font-medium">
          {t('opinion')}
          {needsOpinion && <span className="ml-1 text-xs text-muted-foreground">{actions.filter((a) => a.opinion === 'required').map((a) => a.label).join('、')}{t('opinionRequired')}</span>}
        </label>
        <textarea
          ref={opinionRef}
          id="review-opinion"
          rows={4}
          maxLength={2000}
          value={opinion}
          onChange={(e) => setOpinion(e.target.value)}
          placeholder={t('opinionPlaceholder')}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? 'review-opinion-error' : undefined}
          className="rounded-md border border-input bg-white px-3 py-2 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        />
        {fieldError && (
          <p id="review-opinion-error" role="alert" className="text-sm text-danger" data-testid="review-opinion-error">
            {fieldError}
          </p>
        )}
      </div>
      <FormAlert message={error} />
      <FormAlert message={done} tone="success" />
      <div className="flex flex-wrap gap-2">
        {actions.map((a) => (
          <ConfirmDialog
            key={a.event}
            trigger={
              <Button type="button" variant={a.destructive ? 'danger' : 'default'} disabled={pending}>
                {a.label}
              </Button>
            }
            title={t('confirmTitle', { action: a.label })}
            description={t('confirmBody')}
            confirmLabel={t('confirm')}
            cancelLabel={t('cancel')}
            danger={Boolean(a.destructive)}
            beforeOpen={() => ready(a)}
            onConfirm={() => fire(a)}
          />
        ))}
      </div>
    </div>
  );
}

/** Claim an unassigned application, or release one's own. */
export function ClaimButton({ applicationId, mine, label }: { applicationId: string; mine: boolean; label: string }) {
  const router = useRouter();
  const [error, setError] = React.useState<string>();
  const [pending, startTransition] = React.useTransition();
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        type="button"
        size="sm"
        variant="outline"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const r = await assignApplicationAction(mine ? { applicationId, assigneeId: null } : { applicationId });
            if (!r.ok) setError(r.message);
            else router.refresh();
          })
        }
      >
        {label}
      </Button>
      {error && (
        <span role="alert" className="text-sm text-danger">
          {error}
        </span>
      )}
    </span>
  );
}
