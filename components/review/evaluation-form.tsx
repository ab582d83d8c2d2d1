'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { FormAlert } from '@/components/forms/field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { submitEvaluationAction } from '@/lib/modules/review/actions/evaluation';
import { evaluationSchema } from '@/lib/modules/review/schemas';
import { localizeFieldMessage } from '@/i18n/field-messages';

/**
 * 评审评价: a score of 1–5 per criterion for the round's team and a comment,
 * checked with the server's schema before sending; once per round.
 */
export function EvaluationForm({
  applicationId,
  round,
  team,
  criteria,
  multipleRounds,
}: {
  applicationId: string;
  round: number;
  team: Array<{ name: string; role: string }>;
  criteria: Array<{ key: string; label: string }>;
  multipleRounds: boolean;
}) {
  const t = useTranslations('review.evaluation');
  const tStep = useTranslations('review.step');
  const tOpt = useTranslations('review.options.teamRole');
  const locale = useLocale();
  const router = useRouter();
  const [scores, setScores] = React.useState<Record<string, number>>({});
  const [comment, setComment] = React.useState('');
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [alert, setAlert] = React.useState<string>();
  const [pending, start] = React.useTransition();

  const check = () => {
    const missing = criteria.filter((c) => !scores[c.key]);
    const next: Record<string, string> = {};
    for (const c of missing) next[`scores.${c.key}`] = localizeFieldMessage('请为每一项打分（1–5分）', locale);
    const parsed = evaluationSchema.safeParse({ applicationId, round, scores, comment });
    if (!parsed.success) for (const i of parsed.error.issues) next[i.path.join('.')] ??= localizeFieldMessage(i.message, locale);
    setErrors(next);
    return Object.keys(next).length === 0;
  };

  const send = () =>
    start(async () => {
      setAlert(undefined);
      if (!check()) return;
      const r = await submitEvaluationAction({ applicationId, round, scores, comment });
      if (!r.ok) {
        setAlert(r.message);
        setErrors(Object.fromEntries(Object.entries(r.fieldErrors ?? {}).map(([k, v]) => [k, v[0]])));
        return;
      }
      router.refresh();
    });

  return (
    <form method="post" noValidate onSubmit={(e) => e.preventDefault()} className="flex flex-col gap-4 rounded-md border border-border p-4" data-testid={`evaluation-form-${round}`}>
      <div>
        <h3 className="text-sm font-semibold">{multipleRounds ? t('titleRound', { round }) : t('title')}</h3>
        <p className="text-xs text-muted-foreground">
          {t('team')}：{team.map((m) => `${m.name}（${tOpt(m.role as never)}）`).join('、')}
        </p>
        <p className="text-xs text-muted-foreground">{t('once')}</p>
      </div>
      {criteria.map((c) => {
        const err = errors[`scores.${c.key}`];
        return (
          <fieldset key={c.key} className="flex flex-col gap-1" aria-describedby={err ? `score-${round}-${c.key}-error` : undefined} aria-invalid={err ? true : undefined}>
            <legend className="text-sm font-medium before:mr-0.5 before:text-danger before:content-['*']">{c.label}</legend>
            <div className="flex flex-wrap gap-3" role="radiogroup" aria-label={c.label}>
              {[1, 2, 3, 4, 5].map((n) => (
                <label key={n} className="flex items-center gap-1 text-sm">
                  <input type="radio" name={`score-${round}-${c.key}`} value={n} checked={scores[c.key] === n} onChange={() => setScores((s) => ({ ...s, [c.key]: n }))} />
                  {t('points', { score: n })}
                </label>
              ))}
            </div>
            {err && (
              <p id={`score-${round}-${c.key}-error`} className="text-sm text-danger">
                {err}
              </p>
            )}
          </fieldset>
        );
      })}
      <div className="flex flex-col gap-1">
        <label htmlFor={`eval-comment-${round}`} className="text-sm font-medium">
          {t('comment')}
        </label>
        <textarea id={`eval-comment-${round}`} rows={3} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} className="rounded-md border border-input bg-white px-3 py-2 text-sm" />
        {errors.comment && <p className="text-sm text-danger">{errors.comment}</p>}
      </div>
      <FormAlert message={alert} />
      <div>
        <ConfirmDialog
          trigger={
            <HydratedButton type="button" disabled={pending}>
              {pending ? tStep('working') : t('submit')}
            </HydratedButton>
          }
          title={t('submit')}
          description={t('confirm')}
          confirmLabel={tStep('confirm')}
          cancelLabel={tStep('cancel')}
          danger={false}
          onConfirm={send}
        />
      </div>
    </form>
  );
}
