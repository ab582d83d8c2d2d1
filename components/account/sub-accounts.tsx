'use client';
import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Controller } from 'react-hook-form';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Input } from '@/components/ui/input';
import { Table, Td, Th } from '@/components/ui/table';
import { Field, FormAlert } from '@/components/forms/field';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import {
  createSubAccountAction,
  deleteSubAccountAction,
  setSubAccountModulesAction,
  setSubAccountStatusAction,
} from '@/lib/modules/account/actions/sub-accounts';
import { ORG_MODULE_KEYS } from '@/lib/modules/account/org-modules';

type Row = { id: string; name: string; username: string | null; mobile: string | null; modules: string[]; status: string };
type ModuleKey = (typeof ORG_MODULE_KEYS)[number];

function ModuleChecks({ value, onChange, name, disabled }: { value: string[]; onChange: (v: ModuleKey[]) => void; name: string; disabled?: boolean }) {
  const t = useTranslations('modules');
  return (
    <fieldset className="flex flex-wrap gap-3" disabled={disabled}>
      <legend className="sr-only">{name}</legend>
      {ORG_MODULE_KEYS.map((k) => (
        <label key={k} className="flex items-center gap-1.5 text-sm">
          <input
            type="checkbox"
            className="h-4 w-4 accent-[var(--color-primary)]"
            checked={value.includes(k)}
            onChange={(e) => onChange((e.target.checked ? [...value, k] : value.filter((x) => x !== k)) as ModuleKey[])}
          />
          {t(`${k}.name`)}
        </label>
      ))}
    </fieldset>
  );
}

/** A row's grants, shown at once (optimistic) and saved on the server; the server's answer re-keys it. */
function RowModules({ initial, name, disabled, onSave }: { initial: string[]; name: string; disabled?: boolean; onSave: (m: ModuleKey[]) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <ModuleChecks
      name={name}
      value={value}
      disabled={disabled}
      onChange={(m) => {
        setValue(m);
        onSave(m);
      }}
    />
  );
}

export function SubAccounts({ rows }: { rows: Row[] }) {
  const t = useTranslations('subAccounts');
  const router = useRouter();
  const [alert, setAlert] = useState<{ tone: 'danger' | 'success'; message: string }>();
  const [pending, startTransition] = useTransition();
  const form = useZodForm(() => import('@/lib/modules/account/sub-account-schemas').then((m) => m.createSubAccountSchema), { defaultValues: { name: '', username: '', mobile: '', password: '', modules: [] } });
  const { register, handleSubmit, formState, control, reset } = form;
  const err = (k: 'name' | 'username' | 'mobile' | 'password' | 'modules') => formState.errors[k]?.message as string | undefined;

  const run = (fn: () => Promise<{ ok: boolean; message?: string }>, done: string) =>
    startTransition(async () => {
      const r = await fn();
      setAlert(r.ok ? { tone: 'success', message: done } : { tone: 'danger', message: r.message ?? '' });
      router.refresh();
    });

  const onCreate = handleSubmit(async (values) => {
    const r = await createSubAccountAction(values);
    if (!r.ok) {
      setAlert({ tone: 'danger', message: applyServerErrors(form, r) });
      return;
    }
    reset();
    setAlert({ tone: 'success', message: t('created') });
    router.refresh();
  });

  return (
    <div className="flex flex-col gap-6">
      {alert && <FormAlert tone={alert.tone} message={alert.message} />}
      <section aria-labelledby="sub-list">
        <h2 id="sub-list" className="mb-2 font-semibold">
          {t('listTitle')}
        </h2>
        {rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('none')}</p>
        ) : (
          <Table stack data-testid="sub-accounts">
            <thead>
              <tr>
                <Th>{t('name')}</Th>
                <Th>{t('username')}</Th>
                <Th>{t('modules')}</Th>
                <Th>{t('status')}</Th>
                <Th>{t('actions')}</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-username={r.username}>
                  <Td label={t('name')}>{r.name}</Td>
                  <Td label={t('username')}>{r.username}</Td>
                  <Td label={t('modules')}>
                    <RowModules
                      key={r.modules.join()}
                      name={`${r.username} ${t('modules')}`}
                      initial={r.modules}
                      disabled={pending}
                      onSave={(modules) => run(() => setSubAccountModulesAction({ id: r.id, modules }), t('modulesSaved'))}
                    />
                  </Td>
                  <Td label={t('status')}>
                    <Badge tone={r.status === 'active' ? 'success' : 'neutral'}>{r.status === 'active' ? t('active') : t('disabled')}</Badge>
                  </Td>
                  <Td label={t('actions')} className="whitespace-nowrap">
                    <Button
                      size="sm"
                      variant="outline"
                      disabled={pending}
                      onClick={() => run(() => setSubAccountStatusAction({ id: r.id, status: r.status === 'active' ? 'disabled' : 'active' }), t('statusSaved'))}
                    >
                      {r.status === 'active' ? t('disable') : t('enable')}
                    </Button>{' '}
                    <ConfirmDialog
                      trigger={
                        <Button size="sm" variant="ghost" className="text-danger" disabled={pending}>
                          {t('delete')}
                        </Button>
                      }
                      title={t('deleteTitle', { name: r.name })}
                      description={t('deleteBody')}
                      confirmLabel={t('delete')}
                      cancelLabel={t('cancel')}
                      onConfirm={() => run(() => deleteSubAccountAction({ id: r.id }), t('deleted'))}
                    />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>

      <section aria-labelledby="sub-new" className="rounded-card border border-border bg-white p-4">
        <h2 id="sub-new" className="mb-3 font-semibold">
          {t('createTitle')}
        </h2>
        <form method="post" {...form.preloadProps} onSubmit={onCreate} noValidate className="grid gap-4 sm:grid-cols-2">
          <Field id="sub-name" label={t('name')} required error={err('name')}>
            <Input {...register('name')} />
          </Field>
          <Field id="sub-username" label={t('username')} required hint={t('usernameHint')} error={err('username')}>
            <Input autoComplete="off" {...register('username')} />
          </Field>
          <Field id="sub-mobile" label={t('mobile')} error={err('mobile')}>
            <Input inputMode="tel" maxLength={11} {...register('mobile')} />
          </Field>
          <Field id="sub-password" label={t('initialPassword')} required hint={t('initialPasswordHint')} error={err('password')}>
            <Input type="password" autoComplete="new-password" {...register('password')} />
          </Field>
          <div className="sm:col-span-2">
            <p className="mb-1 text-sm font-medium text-slate-700">{t('modules')}</p>
            <Controller control={control} name="modules" render={({ field }) => <ModuleChecks name={t('modules')} value={field.value ?? []} onChange={field.onChange} />} />
          </div>
          <Button type="submit" className="self-start" disabled={formState.isSubmitting}>
            {t('create')}
          </Button>
        </form>
      </section>
    </div>
  );
}
