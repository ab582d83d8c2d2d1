'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Pencil, Plus, Trash2 } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Input } from '@/components/ui/input';
import { Table, Td, Th } from '@/components/ui/table';
import { FormAlert } from '@/components/forms/field';
import { useHydrated } from '@/components/forms/use-hydrated';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { addSessionAction } from '@/lib/modules/exam/admin/actions/add-session';
import { addSubjectAction } from '@/lib/modules/exam/admin/actions/add-subject';
import { deleteSessionAction } from '@/lib/modules/exam/admin/actions/delete-session';
import { deleteSubjectAction } from '@/lib/modules/exam/admin/actions/delete-subject';
import { updateSessionAction } from '@/lib/modules/exam/admin/actions/update-session';
import { updateSubjectAction } from '@/lib/modules/exam/admin/actions/update-subject';
import { SESSION_NAME_MAX, SUBJECT_NAME_MAX } from '@/lib/modules/exam/admin/limits';
import type { SessionFieldsInput, SubjectFieldsInput } from '@/lib/modules/exam/admin/schemas';
import type { ActionResult } from '@/lib/platform/errors';
import { CellField, type EditorAlert } from './cell-field';

export type EditorSubject = { id: string; code: string; name: string; fee: string; feeLabel: string };
export type EditorSession = { id: string; name: string; startsAt: string; endsAt: string; timeLabel: string; subjects: EditorSubject[] };

type Editing = { kind: 'session'; id: string } | { kind: 'newSession' } | { kind: 'subject'; id: string } | { kind: 'newSubject'; sessionId: string } | null;

/**
 * 场次与科目: each session with its subjects in an inline table. One row is
 * edited at a time; deletions are confirmed. Once an order exists the server
 * freezes subjects and fees (and adding or deleting sessions), so those
 * controls are off and the reason is shown.
 */
export function SessionsEditor({ examId, sessions, frozen, period }: { examId: string; sessions: EditorSession[]; frozen: boolean; period: { start: string; end: string } }) {
  const t = useTranslations('examAdmin');
  const router = useRouter();
  const hydrated = useHydrated();
  const [editing, setEditing] = React.useState<Editing>(null);
  const [alert, setAlert] = React.useState<EditorAlert>(null);
  const [busy, setBusy] = React.useState(false);
  // The reload after a change runs in a transition: the controls stay off until the new rows are in, so a click
  // cannot land on a list that is about to shift (or act on rows the server has already changed).
  const [refreshing, startRefresh] = React.useTransition();
  const bounds = { min: `${period.start}T00:00`, max: `${period.end}T23:59` };

  /** Runs a step; on success closes the row, says so and reloads the server data. Returns the failure for field errors. */
  const run = React.useCallback(
    async <T,>(p: Promise<ActionResult<T>>, success: string): Promise<Extract<ActionResult<T>, { ok: false }> | null> => {
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
    },
    [router, startRefresh],
  );

  const disabled = busy || refreshing || !hydrated;

  return (
    <div className="flex flex-col gap-4" data-testid="sessions-editor">
      {frozen && <FormAlert tone="info" message={t('errors.structureFrozen')} />}
      {sessions.length === 0 && editing?.kind !== 'newSession' && <p className="text-sm text-muted-foreground">{t('sessions.empty')}</p>}
      {sessions.map((s) => (
        <section key={s.id} className="rounded-md border border-border" aria-label={t('sessions.sessionLabel', { name: s.name })} data-testid="session-block">
          <div className="flex flex-wrap items-start justify-between gap-2 border-b border-border bg-muted/40 px-3 py-2">
            {editing?.kind === 'session' && editing.id === s.id ? (
              <SessionRowForm
                key={s.id}
                initial={{ name: s.name, startsAt: s.startsAt, endsAt: s.endsAt }}
                bounds={bounds}
                busy={disabled}
                onCancel={() => setEditing(null)}
                onSave={(values) => run(updateSessionAction({ ...values, id: s.id }), t('sessions.saved'))}
              />
            ) : (
              <>
                <div>
                  <h3 className="text-sm font-semibold">{s.name}</h3>
                  <p className="text-xs text-muted-foreground">{s.timeLabel}</p>
                </div>
                <div className="flex gap-1">
                  <Button type="button" size="sm" variant="ghost" disabled={disabled} onClick={() => setEditing({ kind: 'session', id: s.id })} aria-label={t('sessions.editLabel', { name: s.name })}>
                    <Pencil className="h-4 w-4" aria-hidden />
                    {t('common.edit')}
                  </Button>
                  <ConfirmDialog
                    trigger={
                      <Button type="button" size="sm" variant="ghost" className="text-danger" disabled={disabled || frozen} aria-label={t('sessions.deleteLabel', { name: s.name })}>
                        <Trash2 className="h-4 w-4" aria-hidden />
                        {t('common.delete')}
                      </Button>
                    }
                    title={t('sessions.deleteTitle', { name: s.name })}
                    description={t('sessions.deleteBody', { count: s.subjects.length })}
                    confirmLabel={t('common.delete')}
                    cancelLabel={t('common.cancel')}
                    onConfirm={() => run(deleteSessionAction({ id: s.id }), t('sessions.deleted')).then(() => undefined)}
                  />
                </div>
              </>
            )}
          </div>
          <Table aria-label={t('subjects.tableLabel', { name: s.name })}>
            <thead>
              <tr>
                <Th className="w-36">{t('subjects.code')}</Th>
                <Th>{t('subjects.name')}</Th>
                <Th className="w-40 text-right">{t('subjects.fee')}</Th>
                <Th className="w-48 text-right">{t('common.actions')}</Th>
              </tr>
            </thead>
            <tbody>
              {s.subjects.map((x) =>
                editing?.kind === 'subject' && editing.id === x.id ? (
                  <SubjectRowForm
                    key={x.id}
                    formId={`subject-${x.id}`}
                    initial={{ code: x.code, name: x.name, fee: x.fee }}
                    busy={disabled}
                    onCancel={() => setEditing(null)}
                    onSave={(values) => run(updateSubjectAction({ ...values, id: x.id }), t('subjects.saved'))}
                  />
                ) : (
                  <tr key={x.id}>
                    <Td className="font-mono">{x.code}</Td>
                    <Td>{x.name}</Td>
                    <Td className="text-right tabular-nums">{x.feeLabel}</Td>
                    <Td className="text-right">
                      <span className="inline-flex gap-1">
                        <Button type="button" size="sm" variant="ghost" disabled={disabled || frozen} onClick={() => setEditing({ kind: 'subject', id: x.id })} aria-label={t('subjects.editLabel', { name: x.name })}>
                          <Pencil className="h-4 w-4" aria-hidden />
                          {t('common.edit')}
                        </Button>
                        <ConfirmDialog
                          trigger={
                            <Button type="button" size="sm" variant="ghost" className="text-danger" disabled={disabled || frozen} aria-label={t('subjects.deleteLabel', { name: x.name })}>
                              <Trash2 className="h-4 w-4" aria-hidden />
                              {t('common.delete')}
                            </Button>
                          }
                          title={t('subjects.deleteTitle', { name: x.name })}
                          description={t('subjects.deleteBody')}
                          confirmLabel={t('common.delete')}
                          cancelLabel={t('common.cancel')}
                          onConfirm={() => run(deleteSubjectAction({ id: x.id }), t('subjects.deleted')).then(() => undefined)}
                        />
                      </span>
                    </Td>
                  </tr>
                ),
              )}
              {editing?.kind === 'newSubject' && editing.sessionId === s.id ? (
                <SubjectRowForm
                  formId={`new-subject-${s.id}`}
                  initial={{ code: '', name: '', fee: '' }}
                  busy={disabled}
                  onCancel={() => setEditing(null)}
                  onSave={(values) => run(addSubjectAction({ ...values, sessionId: s.id }), t('subjects.added'))}
                />
              ) : (
                <tr>
                  <Td colSpan={4}>
                    {s.subjects.length === 0 && <span className="mr-3 text-sm text-muted-foreground">{t('subjects.empty')}</span>}
                    <Button type="button" size="sm" variant="outline" disabled={disabled || frozen} onClick={() => setEditing({ kind: 'newSubject', sessionId: s.id })}>
                      <Plus className="h-4 w-4" aria-hidden />
                      {t('subjects.add')}
                    </Button>
                  </Td>
                </tr>
              )}
            </tbody>
          </Table>
        </section>
      ))}
      {editing?.kind === 'newSession' ? (
        <div className="rounded-md border border-dashed border-border px-3 py-2">
          <SessionRowForm
            initial={{ name: '', startsAt: '', endsAt: '' }}
            bounds={bounds}
            busy={disabled}
            onCancel={() => setEditing(null)}
            onSave={(values) => run(addSessionAction({ ...values, examId }), t('sessions.added'))}
          />
        </div>
      ) : (
        <div>
          <Button type="button" size="sm" variant="outline" disabled={disabled || frozen} onClick={() => setEditing({ kind: 'newSession' })}>
            <Plus className="h-4 w-4" aria-hidden />
            {t('sessions.add')}
          </Button>
        </div>
      )}
      <div aria-live="polite">{alert && <FormAlert tone={alert.tone} message={alert.message} />}</div>
    </div>
  );
}

type Failure = { message: string; fieldErrors?: Record<string, string[]> } | null;

function SessionRowForm({
  initial,
  bounds,
  busy,
  onSave,
  onCancel,
}: {
  initial: SessionFieldsInput;
  bounds: { min: string; max: string };
  busy: boolean;
  onSave: (v: SessionFieldsInput) => Promise<Failure>;
  onCancel: () => void;
}) {
  const t = useTranslations('examAdmin');
  const form = useZodForm(() => import('@/lib/modules/exam/admin/schemas').then((m) => m.sessionFieldsSchema), { defaultValues: initial });
  const e = form.formState.errors;
  const onSubmit = form.handleSubmit(async () => {
    const failed = await onSave(form.getValues());
    if (failed) applyServerErrors(form, failed);
  });
  return (
    <form method="post" {...form.preloadProps} onSubmit={onSubmit} noValidate className="flex w-full flex-wrap items-start gap-2" data-testid="session-form">
      <CellField id="session-name" label={t('sessions.name')} error={e.name?.message} className="w-40">
        <Input className="h-8" maxLength={SESSION_NAME_MAX} placeholder={t('sessions.namePlaceholder')} {...form.register('name')} />
      </CellField>
      <CellField id="session-startsAt" label={t('sessions.startsAt')} error={e.startsAt?.message} className="w-56">
        <Input className="h-8" type="datetime-local" min={bounds.min} max={bounds.max} {...form.register('startsAt')} />
      </CellField>
      <CellField id="session-endsAt" label={t('sessions.endsAt')} error={e.endsAt?.message} className="w-56">
        <Input className="h-8" type="datetime-local" min={bounds.min} max={bounds.max} {...form.register('endsAt')} />
      </CellField>
      <span className="flex gap-1">
        <Button type="submit" size="sm" disabled={busy || form.formState.isSubmitting}>
          {t('common.save')}
        </Button>
        <Button type="button" size="sm" variant="outline" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </span>
    </form>
  );
}

function SubjectRowForm({
  formId,
  initial,
  busy,
  onSave,
  onCancel,
}: {
  formId: string;
  initial: SubjectFieldsInput;
  busy: boolean;
  onSave: (v: SubjectFieldsInput) => Promise<Failure>;
  onCancel: () => void;
}) {
  const t = useTranslations('examAdmin');
  const form = useZodForm(() => import('@/lib/modules/exam/admin/schemas').then((m) => m.subjectFieldsSchema), { defaultValues: initial });
  const e = form.formState.errors;
  const onSubmit = form.handleSubmit(async () => {
    const failed = await onSave(form.getValues());
    if (failed) applyServerErrors(form, failed);
  });
  // A <form> cannot wrap a table row: it sits in the last cell and the inputs join it by their form attribute.
  return (
    <tr data-testid="subject-form">
      <Td>
        <CellField id={`${formId}-code`} label={t('subjects.code')} error={e.code?.message}>
          <Input className="h-8 font-mono" form={formId} maxLength={20} autoCapitalize="characters" {...form.register('code')} />
        </CellField>
      </Td>
      <Td>
        <CellField id={`${formId}-name`} label={t('subjects.name')} error={e.name?.message}>
          <Input className="h-8" form={formId} maxLength={SUBJECT_NAME_MAX} {...form.register('name')} />
        </CellField>
      </Td>
      <Td>
        <CellField id={`${formId}-fee`} label={t('subjects.feeYuan')} error={e.fee?.message}>
          <Input className="h-8 text-right" form={formId} inputMode="decimal" placeholder="200.00" {...form.register('fee')} />
        </CellField>
      </Td>
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
