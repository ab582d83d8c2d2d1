'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Label, Select } from '@/components/ui/input';
import { localizeFieldMessage } from '@/i18n/field-messages';
import { bulkAssignAction, bulkTransitionAction } from '@/lib/platform/workflow/actions/bulk';
import { bulkAssignSchema, bulkTransitionSchema } from '@/lib/platform/workflow/bulk-schemas';

type Option = { event: string; label: string; opinion?: 'required' | 'optional'; destructive: boolean };
type Outcome = { done: Array<{ id: string; number: string }>; refused: Array<{ id: string; number: string | null; message: string }> };

const ASSIGN = '__assign';

/**
 * The queue's bulk decisions for one kind in one state. The rows' checkboxes
 * belong to this form (`form` attribute, value `<id>:<version>`); the server
 * handles each application on its own and reports the ones it refused.
 */
export function BulkActions({ id, kind, status, kindLabel, stateLabel, options, staff }: { id: string; kind: string; status: string; kindLabel: string; stateLabel: string; options: Option[]; staff: Array<{ id: string; name: string }> }) {
  const t = useTranslations('console.bulk');
  const locale = useLocale();
  const router = useRouter();
  const [action, setAction] = React.useState(options[0]?.event ?? ASSIGN);
  const [assignee, setAssignee] = React.useState('');
  const [opinion, setOpinion] = React.useState('');
  const [count, setCount] = React.useState(0);
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [outcome, setOutcome] = React.useState<Outcome>();
  const [failure, setFailure] = React.useState<string>();
  const [pending, start] = React.useTransition();
  const formRef = React.useRef<HTMLFormElement>(null);

  const boxes = React.useCallback(() => [...document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][form="${id}"][name=items]`)], [id]);
  React.useEffect(() => {
    const update = () => setCount(boxes().filter((b) => b.checked).length);
    update();
    document.addEventListener('change', update);
    return () => document.removeEventListener('change', update);
  }, [boxes]);

  const selected = () =>
    boxes()
      .filter((b) => b.checked)
      .map((b) => {
        const [appId, version] = b.value.split(':');
        return { id: appId, version: Number(version) };
      });
  const chosen = options.find((o) => o.event === action);
  const actionLabel = action === ASSIGN ? t('assign') : (chosen?.label ?? '');
  const assigneeName = staff.find((s) => s.id === assignee)?.name ?? '';

  /** The same schema as the server's, checked before the confirmation opens. */
  const validate = (): boolean => {
    const items = selected();
    const next: Record<string, string> = {};
    const parsed = action === ASSIGN ? bulkAssignSchema.safeParse({ kind, status, assigneeId: assignee, items }) : bulkTransitionSchema.safeParse({ kind, status, event: action, opinion: opinion || undefined, items });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '_');
        next[key] ??= key === 'assigneeId' ? t('chooseAssignee') : localizeFieldMessage(issue.message, locale);
      }
    }
    if (chosen?.opinion === 'required' && !opinion.trim()) next.opinion = t('opinionRequired');
    setErrors(next);
    return Object.keys(next).length === 0;
  };

  const run = () => {
    const items = selected();
    setOutcome(undefined);
    setFailure(undefined);
    start(async () => {
      const r = action === ASSIGN ? await bulkAssignAction({ kind, status, assigneeId: assignee, items }) : await bulkTransitionAction({ kind, status, event: action, opinion: opinion.trim() || undefined, items });
      if (!r.ok) {
        setFailure(r.message);
        if (r.fieldErrors) setErrors(Object.fromEntries(Object.entries(r.fieldErrors).map(([k, v]) => [k.split('.')[0], v[0]])));
        return;
      }
      setOutcome(r.data);
      router.refresh();
    });
  };

  return (
    <form ref={formRef} id={id} className="flex flex-col gap-3 rounded-md border border-slate-200 bg-slate-50 p-3" aria-labelledby={`${id}-title`} onSubmit={(e) => e.preventDefault()} noValidate>
      <div className="flex flex-wrap items-center gap-2">
        <h2 id={`${id}-title`} className="text-sm font-semibold">
          {t('title')}
        </h2>
        <p className="text-xs text-muted-foreground">{t('hint', { kind: kindLabel, state: stateLabel })}</p>
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <Button type="button" size="sm" variant="outline" onClick={() => { boxes().forEach((b) => (b.checked = true)); setCount(boxes().length); }}>
          {t('selectPage')}
        </Button>
        <Button type="button" size="sm" variant="outline" onClick={() => { boxes().forEach((b) => (b.checked = false)); setCount(0); }}>
          {t('clearSelection')}
        </Button>
        <span className="text-sm tabular-nums" data-testid="bulk-count" aria-live="polite">
          {t('selected', { count })}
        </span>
        <div className="flex flex-col gap-1">
          <Label htmlFor={`${id}-action`}>{t('action')}</Label>
          <Select id={`${id}-action`} className="h-8" value={action} onChange={(e) => setAction(e.target.value)}>
            {options.map((o) => (
              <option key={o.event} value={o.event}>
                {o.label}
              </option>
            ))}
            {staff.length > 0 && <option value={ASSIGN}>{t('assign')}</option>}
          </Select>
        </div>
        {action === ASSIGN ? (
          <div className="flex flex-col gap-1">
            <Label htmlFor={`${id}-assignee`}>{t('assignTo')}</Label>
            <Select id={`${id}-assignee`} className="h-8" value={assignee} onChange={(e) => setAssignee(e.target.value)} aria-invalid={errors.assigneeId ? true : undefined} aria-describedby={errors.assigneeId ? `${id}-assignee-error` : undefined}>
              <option value="">{t('chooseAssignee')}</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </Select>
            {errors.assigneeId && (
              <p id={`${id}-assignee-error`} className="text-xs text-danger">
                {errors.assigneeId}
              </p>
            )}
          </div>
        ) : null}
      </div>
      {action !== ASSIGN && (
        <div className="flex flex-col gap-1">
          <Label htmlFor={`${id}-opinion`}>
            {t('opinion')}
            {chosen?.opinion === 'required' && <span className="text-danger"> *</span>}
          </Label>
          <textarea
            id={`${id}-opinion`}
            value={opinion}
            maxLength={2000}
            rows={2}
            onChange={(e) => setOpinion(e.target.value)}
            aria-invalid={errors.opinion ? true : undefined}
            aria-describedby={errors.opinion ? `${id}-opinion-error` : undefined}
            className="w-full rounded-md border border-border bg-white px-3 py-2 text-sm aria-[invalid=true]:border-danger"
          />
          {errors.opinion && (
            <p id={`${id}-opinion-error`} className="text-xs text-danger">
              {errors.opinion}
            </p>
          )}
        </div>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <ConfirmDialog
          trigger={
            <Button type="button" size="sm" disabled={pending} variant={chosen?.destructive ? 'danger' : 'default'}>
              {pending ? t('running', { count }) : t('run')}
            </Button>
          }
          title={t('confirmTitle', { action: actionLabel })}
          description={action === ASSIGN ? t('confirmAssignBody', { count, name: assigneeName }) : t('confirmBody', { count, action: actionLabel })}
          confirmLabel={t('confirm')}
          cancelLabel={t('cancel')}
          danger={!!chosen?.destructive}
          beforeOpen={validate}
          onConfirm={run}
        />
        {errors.items && (
          <p role="alert" className="text-sm text-danger">
            {errors.items}
          </p>
        )}
        {failure && (
          <p role="alert" className="text-sm text-danger">
            {failure}
          </p>
        )}
      </div>
      {outcome && (
        <div role="status" data-testid="bulk-result" className="text-sm">
          <p className={outcome.refused.length ? 'font-medium text-amber-800' : 'font-medium text-green-700'}>
            {outcome.refused.length
              ? `${t('result', { done: outcome.done.length, refused: outcome.refused.length })}：${outcome.refused.map((r) => `${r.number ?? r.id} ${r.message}`).join('；')}`
              : t('resultAllDone', { done: outcome.done.length })}
          </p>
          {outcome.refused.length > 0 && (
            <ul aria-label={t('refusedTitle')} className="mt-1 list-disc pl-5 text-xs" data-testid="bulk-refused">
              {outcome.refused.map((r) => (
                <li key={r.id}>
                  <span className="font-mono">{r.number ?? r.id}</span> {r.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
