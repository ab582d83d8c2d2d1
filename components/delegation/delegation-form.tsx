'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Field, FormAlert } from '@/components/forms/field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Input, Select } from '@/components/ui/input';
import { createDelegationAction, revokeDelegationAction } from '@/lib/platform/delegation/actions/delegations';

type RoleOption = { value: string; role: string; module: string; label: string; candidates: Array<{ id: string; name: string }> };

/** 设置代理: one of my roles, a colleague holding it too, and the days I am away. */
export function DelegationForm({ roles, today }: { roles: RoleOption[]; today: string }) {
  const t = useTranslations('delegation.form');
  const router = useRouter();
  const [alert, setAlert] = React.useState<{ tone: 'danger' | 'success'; message: string }>();
  const [choice, setChoice] = React.useState(roles[0]?.value ?? '');
  const selected = roles.find((r) => r.value === choice);
  const form = useZodForm(() => import('@/lib/platform/delegation/schemas').then((m) => m.createDelegationSchema), {
    defaultValues: { role: (selected?.role ?? '') as never, module: selected?.module ?? '', substituteId: '', startsOn: today, endsOn: '', reason: '' },
  });
  const { register, formState, handleSubmit, setValue } = form;
  const err = (k: 'role' | 'substituteId' | 'startsOn' | 'endsOn' | 'reason' | 'module') => formState.errors[k]?.message as string | undefined;
  const pick = (value: string) => {
    setChoice(value);
    const r = roles.find((x) => x.value === value);
    setValue('role', (r?.role ?? '') as never);
    setValue('module', r?.module ?? '');
    setValue('substituteId', '');
  };
  const onValid = async () => {
    setAlert(undefined);
    const r = await createDelegationAction(form.getValues());
    if (!r.ok) return setAlert({ tone: 'danger', message: applyServerErrors(form, r) });
    setAlert({ tone: 'success', message: t('created') });
    form.reset({ ...form.getValues(), substituteId: '', endsOn: '', reason: '' });
    router.refresh();
  };
  if (roles.length === 0) return <p className="text-sm text-muted-foreground">{t('noRoles')}</p>;
  return (
    <form method="post" {...form.preloadProps} noValidate onSubmit={(e) => void handleSubmit(onValid)(e)} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="delegation-form">
      <Field id="d-role" label={t('role')} required error={err('role') ?? err('module')}>
        <Select value={choice} onChange={(e) => pick(e.target.value)}>
          {roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="d-substitute" label={t('substitute')} required error={err('substituteId')} hint={selected && selected.candidates.length === 0 ? t('noCandidates') : undefined}>
        <Select {...register('substituteId')}>
          <option value="">{t('choose')}</option>
          {(selected?.candidates ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="d-reason" label={t('reason')} error={err('reason')}>
        <Input {...register('reason')} maxLength={200} />
      </Field>
      <Field id="d-starts" label={t('startsOn')} required error={err('startsOn')}>
        <Input type="date" min={today} {...register('startsOn')} />
      </Field>
      <Field id="d-ends" label={t('endsOn')} required error={err('endsOn')} hint={t('inclusive')}>
        <Input type="date" min={today} {...register('endsOn')} />
      </Field>
      <div className="flex items-end">
        <HydratedButton type="submit" disabled={formState.isSubmitting}>
          {t('submit')}
        </HydratedButton>
      </div>
      <div className="sm:col-span-2 lg:col-span-3">
        <FormAlert tone={alert?.tone} message={alert?.message} />
      </div>
    </form>
  );
}

export function RevokeDelegationButton({ id, label, confirm, cancel, body }: { id: string; label: string; confirm: string; cancel: string; body: string }) {
  const router = useRouter();
  const [error, setError] = React.useState<string>();
  const [pending, start] = React.useTransition();
  return (
    <span className="inline-flex items-center gap-2">
      <ConfirmDialog
        trigger={
          <Button type="button" size="sm" variant="outline" disabled={pending}>
            {label}
          </Button>
        }
        title={label}
        description={body}
        confirmLabel={confirm}
        cancelLabel={cancel}
        onConfirm={() =>
          start(async () => {
            const r = await revokeDelegationAction({ id });
            if (!r.ok) setError(r.message);
            else router.refresh();
          })
        }
      />
      {error && (
        <span role="alert" className="text-sm text-danger">
          {error}
        </span>
      )}
    </span>
  );
}
