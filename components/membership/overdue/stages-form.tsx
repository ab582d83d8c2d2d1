'use client';
import * as React from 'react';
import { useFieldArray } from 'react-hook-form';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { FormAlert } from '@/components/forms/field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { Button } from '@/components/ui/button';
import { Input, Select } from '@/components/ui/input';
import { updateOverdueStagesAction } from '@/lib/modules/membership/overdue/actions/update-stages';
import { MAX_STAGES, STAGE_ACTIONS, overdueStagesSchema, type OverdueStage } from '@/lib/modules/membership/overdue/stages';
import { ScrollRegion } from '@/components/ui/table';

type Row = { key: string; offsetDays: string; action: OverdueStage['action']; sms: boolean };

/**
 * 逾期阶段设置: the stages as rows (identifier, days relative to the due date,
 * action, SMS), added, removed and reordered; validated with the server's
 * schema (unique identifiers, increasing days, at most one suspension,
 * warnings and suspension after the due date, within ±365 days).
 */
export function OverdueStagesForm({ stages }: { stages: OverdueStage[] }) {
  const t = useTranslations('qualificationOverdue.staff.settings');
  const ta = useTranslations('qualificationOverdue.actions');
  const router = useRouter();
  const [result, setResult] = React.useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = React.useState(false);
  const toRows = (list: OverdueStage[]): Row[] => list.map((s) => ({ key: s.key, offsetDays: String(s.offsetDays), action: s.action, sms: s.sms }));
  const form = useZodForm(overdueStagesSchema, { defaultValues: { stages: toRows(stages) } });
  const { fields, append, remove, move } = useFieldArray({ control: form.control, name: 'stages' as never });
  const errors = form.formState.errors as { stages?: Array<Partial<Record<keyof Row, { message?: string }>>> & { message?: string; root?: { message?: string } } };
  const rowError = (i: number, k: keyof Row) => errors.stages?.[i]?.[k]?.message;
  const listError = errors.stages?.message ?? errors.stages?.root?.message;

  const onValid = async () => {
    setBusy(true);
    setResult(undefined);
    const r = await updateOverdueStagesAction(form.getValues());
    setBusy(false);
    if (!r.ok) return setResult({ ok: false, text: applyServerErrors(form, r) });
    setResult({ ok: true, text: t('saved') });
    form.reset({ stages: toRows(r.data.stages) });
    router.refresh();
  };

  return (
    <form method="post" {...form.preloadProps} noValidate onSubmit={(e) => void form.handleSubmit(onValid)(e)} className="flex flex-col gap-3" data-testid="overdue-stages-form">
      <ScrollRegion>
        <table className="w-full border-collapse text-sm">
          <thead>
            <tr className="text-left text-muted-foreground">
              <th scope="col" className="border-b border-border px-2 py-1.5 font-medium">
                {t('order')}
              </th>
              <th scope="col" className="border-b border-border px-2 py-1.5 font-medium">
                {t('key')}
              </th>
              <th scope="col" className="border-b border-border px-2 py-1.5 font-medium">
                {t('offsetDays')}
              </th>
              <th scope="col" className="border-b border-border px-2 py-1.5 font-medium">
                {t('action')}
              </th>
              <th scope="col" className="border-b border-border px-2 py-1.5 font-medium">
                {t('sms')}
              </th>
              <th scope="col" className="border-b border-border px-2 py-1.5">
                <span className="sr-only">{t('rowActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f, i) => (
              <tr key={f.id} data-testid="overdue-stage-row" className="align-top">
                <td className="border-b border-border px-2 py-2 text-muted-foreground">{i + 1}</td>
                <td className="border-b border-border px-2 py-2">
                  <Input aria-label={t('keyOf', { n: i + 1 })} aria-invalid={rowError(i, 'key') ? true : undefined} className="h-8 w-36 font-mono" {...form.register(`stages.${i}.key` as const)} />
                  {rowError(i, 'key') && <p className="mt-1 max-w-48 text-xs text-danger">{rowError(i, 'key')}</p>}
                </td>
                <td className="border-b border-border px-2 py-2">
                  <Input type="number" inputMode="numeric" aria-label={t('offsetOf', { n: i + 1 })} aria-invalid={rowError(i, 'offsetDays') ? true : undefined} className="h-8 w-24" {...form.register(`stages.${i}.offsetDays` as const)} />
                  {rowError(i, 'offsetDays') && <p className="mt-1 max-w-56 text-xs text-danger">{rowError(i, 'offsetDays')}</p>}
                </td>
                <td className="border-b border-border px-2 py-2">
                  <Select aria-label={t('actionOf', { n: i + 1 })} aria-invalid={rowError(i, 'action') ? true : undefined} className="h-8" {...form.register(`stages.${i}.action` as const)}>
                    {STAGE_ACTIONS.map((a) => (
                      <option key={a} value={a}>
                        {ta(a)}
                      </option>
                    ))}
                  </Select>
                  {rowError(i, 'action') && <p className="mt-1 max-w-48 text-xs text-danger">{rowError(i, 'action')}</p>}
                </td>
                <td className="border-b border-border px-2 py-2">
                  <label className="flex h-8 items-center gap-1.5">
                    <input type="checkbox" className="h-4 w-4" {...form.register(`stages.${i}.sms` as const)} />
                    <span className="sr-only">{t('smsOf', { n: i + 1 })}</span>
                  </label>
                </td>
                <td className="border-b border-border px-2 py-2">
                  <div className="flex gap-1">
                    <Button type="button" size="icon" variant="ghost" className="h-8 w-8" disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={t('moveUp', { n: i + 1 })}>
                      <ArrowUp className="h-4 w-4" aria-hidden />
                    </Button>
                    <Button type="button" size="icon" variant="ghost" className="h-8 w-8" disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} aria-label={t('moveDown', { n: i + 1 })}>
                      <ArrowDown className="h-4 w-4" aria-hidden />
                    </Button>
                    <Button type="button" size="icon" variant="ghost" className="h-8 w-8" disabled={fields.length === 1} onClick={() => remove(i)} aria-label={t('remove', { n: i + 1 })}>
                      <Trash2 className="h-4 w-4" aria-hidden />
                    </Button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {listError && <p className="text-sm text-danger">{listError}</p>}
      <p className="text-xs text-muted-foreground">{t('hint')}</p>
      <div className="flex flex-wrap gap-2">
        <Button type="button" size="sm" variant="outline" disabled={fields.length >= MAX_STAGES} onClick={() => append({ key: '', offsetDays: '', action: 'remind', sms: false } as never)}>
          <Plus className="h-4 w-4" aria-hidden />
          {t('add')}
        </Button>
        <HydratedButton type="submit" size="sm" disabled={busy}>
          {busy ? t('saving') : t('save')}
        </HydratedButton>
      </div>
      <FormAlert tone={result?.ok ? 'success' : 'danger'} message={result?.text} />
    </form>
  );
}
