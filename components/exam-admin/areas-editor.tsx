'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Pencil, Plus, Trash2 } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Input, Select } from '@/components/ui/input';
import { Table, Td, Th } from '@/components/ui/table';
import { FormAlert } from '@/components/forms/field';
import { useHydrated } from '@/components/forms/use-hydrated';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { addAreaAction } from '@/lib/modules/exam/admin/actions/add-area';
import { deleteAreaAction } from '@/lib/modules/exam/admin/actions/delete-area';
import { updateAreaAction } from '@/lib/modules/exam/admin/actions/update-area';
import type { ProvinceCities } from '@/lib/modules/exam/admin/cities';
import { AREA_NAME_MAX, CAPACITY_MAX } from '@/lib/modules/exam/admin/limits';
import type { AreaFieldsInput } from '@/lib/modules/exam/admin/schemas';
import type { ActionResult } from '@/lib/platform/errors';
import { CellField, type EditorAlert } from './cell-field';

export type EditorArea = { id: string; name: string; regionCode: string; cityLabel: string; capacity: number; taken: number; remaining: number };

type Editing = { kind: 'area'; id: string } | { kind: 'new' } | null;

/**
 * 考区: name, city (city level of the region tree) and capacity, in an inline
 * table. Capacity may shrink only down to the seats taken (the server checks
 * it in the UPDATE); areas may be added at any time. `cities`: the cities an
 * area may be tied to (areaCityGroups() on the server: the region tree stays
 * out of the browser).
 */
export function AreasEditor({ examId, areas, cities }: { examId: string; areas: EditorArea[]; cities: ProvinceCities[] }) {
  const t = useTranslations('examAdmin');
  const router = useRouter();
  const hydrated = useHydrated();
  const [editing, setEditing] = React.useState<Editing>(null);
  const [alert, setAlert] = React.useState<EditorAlert>(null);
  const [busy, setBusy] = React.useState(false);
  // The reload after a change runs in a transition: the controls stay off until the new rows are in, so a click
  // cannot land on a list that is about to shift (or act on rows the server has already changed).
  const [refreshing, startRefresh] = React.useTransition();

  const run = async <T,>(p: Promise<ActionResult<T>>, success: string) => {
    setAlert(null);
    setBusy(true);
    try {
      const r = await p;
      if (!r.ok) {
        setAlert({ tone: 'danger', message: r.message });
        return r;
      }
      setEditing(null);
      setAlert({ tone: 'success', message: success });
      startRefresh(() => router.refresh());
      return null;
    } finally {
      setBusy(false);
    }
  };
  const disabled = busy || refreshing || !hydrated;

  return (
    <div className="flex flex-col gap-3" data-testid="areas-editor">
      <Table aria-label={t('areas.title')}>
        <thead>
          <tr>
            <Th>{t('areas.name')}</Th>
            <Th>{t('areas.city')}</Th>
            <Th className="w-32 text-right">{t('areas.capacity')}</Th>
            <Th className="w-20 text-right">{t('areas.taken')}</Th>
            <Th className="w-20 text-right">{t('areas.remaining')}</Th>
            <Th className="w-48 text-right">{t('common.actions')}</Th>
          </tr>
        </thead>
        <tbody>
          {areas.map((a) =>
            editing?.kind === 'area' && editing.id === a.id ? (
              <AreaRowForm
                groups={cities}
                key={a.id}
                formId={`area-${a.id}`}
                initial={{ name: a.name, regionCode: a.regionCode, capacity: a.capacity }}
                taken={a.taken}
                busy={disabled}
                onCancel={() => setEditing(null)}
                onSave={(v) => run(updateAreaAction({ ...v, id: a.id }), t('areas.saved'))}
              />
            ) : (
              <tr key={a.id}>
                <Td>{a.name}</Td>
                <Td>{a.cityLabel}</Td>
                <Td className="text-right tabular-nums">{a.capacity}</Td>
                <Td className="text-right tabular-nums">{a.taken}</Td>
                <Td className="text-right tabular-nums">{a.remaining}</Td>
                <Td className="text-right">
                  <span className="inline-flex gap-1">
                    <Button type="button" size="sm" variant="ghost" disabled={disabled} onClick={() => setEditing({ kind: 'area', id: a.id })} aria-label={t('areas.editLabel', { name: a.name })}>
                      <Pencil className="h-4 w-4" aria-hidden />
                      {t('common.edit')}
                    </Button>
                    <ConfirmDialog
                      trigger={
                        <Button type="button" size="sm" variant="ghost" className="text-danger" disabled={disabled || a.taken > 0} aria-label={t('areas.deleteLabel', { name: a.name })}>
                          <Trash2 className="h-4 w-4" aria-hidden />
                          {t('common.delete')}
                        </Button>
                      }
                      title={t('areas.deleteTitle', { name: a.name })}
                      description={t('areas.deleteBody')}
                      confirmLabel={t('common.delete')}
                      cancelLabel={t('common.cancel')}
                      onConfirm={() => run(deleteAreaAction({ id: a.id }), t('areas.deleted')).then(() => undefined)}
                    />
                  </span>
                </Td>
              </tr>
            ),
          )}
          {editing?.kind === 'new' ? (
            <AreaRowForm
              groups={cities}
              formId="new-area"
              initial={{ name: '', regionCode: '', capacity: '' }}
              taken={0}
              busy={disabled}
              onCancel={() => setEditing(null)}
              onSave={(v) => run(addAreaAction({ ...v, examId }), t('areas.added'))}
            />
          ) : (
            <tr>
              <Td colSpan={6}>
                {areas.length === 0 && <span className="mr-3 text-sm text-muted-foreground">{t('areas.empty')}</span>}
                <Button type="button" size="sm" variant="outline" disabled={disabled} onClick={() => setEditing({ kind: 'new' })}>
                  <Plus className="h-4 w-4" aria-hidden />
                  {t('areas.add')}
                </Button>
              </Td>
            </tr>
          )}
        </tbody>
      </Table>
      <div aria-live="polite">{alert && <FormAlert tone={alert.tone} message={alert.message} />}</div>
    </div>
  );
}

type Failure = { message: string; fieldErrors?: Record<string, string[]> } | null;

/** '杭州市' → '杭州' as an area name suggestion; names that are not '…市' stay whole. */
const shortCity = (name: string) => (name.length > 2 && name.endsWith('市') ? name.slice(0, -1) : name);

function AreaRowForm({
  formId,
  initial,
  taken,
  busy,
  onSave,
  onCancel,
  groups,
}: {
  groups: ProvinceCities[];
  formId: string;
  initial: AreaFieldsInput;
  taken: number;
  busy: boolean;
  onSave: (v: AreaFieldsInput) => Promise<Failure>;
  onCancel: () => void;
}) {
  const t = useTranslations('examAdmin');
  const form = useZodForm(() => import('@/lib/modules/exam/admin/schemas').then((m) => m.areaFieldsSchema), { defaultValues: initial });
  const e = form.formState.errors;
  const onSubmit = form.handleSubmit(async () => {
    const failed = await onSave(form.getValues());
    if (failed) applyServerErrors(form, failed);
  });
  const city = form.register('regionCode');
  return (
    <tr data-testid="area-form">
      <Td>
        <CellField id={`${formId}-name`} label={t('areas.name')} error={e.name?.message}>
          <Input className="h-8" form={formId} maxLength={AREA_NAME_MAX} {...form.register('name')} />
        </CellField>
      </Td>
      <Td>
        <CellField id={`${formId}-city`} label={t('areas.city')} error={e.regionCode?.message}>
          <Select
            className="h-8 w-full"
            form={formId}
            {...city}
            onChange={(ev) => {
              void city.onChange(ev);
              // An empty name follows the city chosen: the usual area name is the city's.
              const picked = groups.flatMap((g) => g.cities).find((c) => c.code === ev.target.value);
              if (picked && !form.getValues('name')) form.setValue('name', shortCity(picked.name), { shouldValidate: true });
            }}
          >
            <option value="">{t('areas.cityPlaceholder')}</option>
            {groups.map((g) => (
              <optgroup key={g.province} label={g.province}>
                {g.cities.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        </CellField>
      </Td>
      <Td>
        <CellField id={`${formId}-capacity`} label={t('areas.capacity')} error={e.capacity?.message}>
          <Input className="h-8 text-right" form={formId} type="number" inputMode="numeric" min={taken} max={CAPACITY_MAX} step={1} {...form.register('capacity')} />
        </CellField>
      </Td>
      <Td className="text-right tabular-nums">{taken}</Td>
      <Td />
      <Td className="text-right">
        <form id={formId} method="post" {...form.preloadProps} onSubmit={onSubmit} noValidate className="inline-flex gap-1">
          <Button type="submit" size="sm" disabled={busy || form.formState.isSubmitting}>
            {t('common.save')}
          </Button>
          <Button type="button" size="sm" variant="outline" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </form>
      </Td>
    </tr>
  );
}
