'use client';
import { Fragment, useEffect, useRef, useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Controller } from 'react-hook-form';
import { Check, Copy, KeyRound } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Input } from '@/components/ui/input';
import { Table, Td, Th, ScrollRegion } from '@/components/ui/table';
import { Field, FormAlert } from '@/components/forms/field';
import { applyServerErrors, useZodForm } from '@/components/forms/use-zod-form';
import { createStaffAction, resetStaffPasswordAction, setStaffRolesAction, setStaffStatusAction } from '@/lib/modules/staff-admin/actions/staff-users';
import { createStaffSchema, isPerModuleRole, STAFF_ROLE_KEYS, type RoleGrant } from '@/lib/modules/staff-admin/schemas';
import { MODULE_KEYS, type ModuleKey } from '@/lib/platform/modules';

export type StaffUserRow = {
  id: string;
  name: string;
  username: string | null;
  mobile: string | null;
  email: string | null;
  status: 'active' | 'disabled' | 'pending_activation';
  mustChangePassword: boolean;
  /** Already formatted on the server (Asia/Shanghai). */
  created: string;
  roles: RoleGrant[];
};

type Secret = { name: string; username: string; password: string; kind: 'created' | 'reset' };

const hasGrant = (v: RoleGrant[], role: string, module: string) => v.some((g) => g.role === role && g.module === module);

/** The role × module grid: reviewer per module, every other role for all modules. */
function RoleGrid({
  value,
  onChange,
  legend,
  disabled,
  lockAdmin,
  idPrefix,
}: {
  value: RoleGrant[];
  onChange: (v: RoleGrant[]) => void;
  legend: string;
  disabled?: boolean;
  /** The admin's own row: the admin role cannot be taken away here. */
  lockAdmin?: boolean;
  idPrefix: string;
}) {
  const t = useTranslations('staffUsers');
  const tm = useTranslations('modules');
  const toggle = (role: RoleGrant['role'], module: RoleGrant['module'], on: boolean) =>
    onChange(on ? [...value.filter((g) => !(g.role === role && g.module === module)), { role, module }] : value.filter((g) => !(g.role === role && g.module === module)));
  const box = (role: RoleGrant['role'], module: RoleGrant['module'], label: string, locked = false) => (
    <input
      type="checkbox"
      id={`${idPrefix}-${role}-${module === '*' ? 'all' : module}`}
      aria-label={label}
      className="h-4 w-4 accent-[var(--color-primary)]"
      checked={hasGrant(value, role, module)}
      disabled={locked}
      onChange={(e) => toggle(role, module, e.target.checked)}
    />
  );
  return (
    <fieldset disabled={disabled} className="min-w-0">
      <legend className="mb-1 text-sm font-medium text-slate-700">{legend}</legend>
      <ScrollRegion label={legend} className="rounded-md border border-border">
        <table className="w-full border-collapse text-[13px]" data-testid={`${idPrefix}-grid`}>
          <thead>
            <tr className="bg-muted text-muted-foreground">
              <th scope="col" className="px-2 py-1.5 text-left font-medium">
                {t('role')}
              </th>
              <th scope="col" className="px-2 py-1.5 text-center font-medium">
                {t('allModules')}
              </th>
              {MODULE_KEYS.map((m) => (
                <th key={m} scope="col" className="px-2 py-1.5 text-center font-medium">
                  {tm(`${m}.name`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {STAFF_ROLE_KEYS.map((role) => {
              const roleName = t(`roleNames.${role}`);
              const perModule = isPerModuleRole(role);
              return (
                <tr key={role} className="border-t border-border">
                  <th scope="row" className="whitespace-nowrap px-2 py-1.5 text-left font-normal">
                    {roleName}
                  </th>
                  <td className="px-2 py-1.5 text-center">{perModule ? <span className="text-xs text-muted-foreground">{t('perModule')}</span> : box(role, '*', roleName, lockAdmin && role === 'admin')}</td>
                  {MODULE_KEYS.map((m: ModuleKey) => (
                    <td key={m} className="px-2 py-1.5 text-center">
                      {perModule ? box(role, m, t('roleInModule', { role: roleName, module: tm(`${m}.name`) })) : null}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </fieldset>
  );
}

/** The roles of a member as badges; a per-module role lists its modules in one badge. */
function RoleBadges({ roles }: { roles: RoleGrant[] }) {
  const t = useTranslations('staffUsers');
  const tm = useTranslations('modules');
  if (!roles.length) return <span className="text-xs text-muted-foreground">{t('noRoles')}</span>;
  return (
    <div className="flex flex-wrap gap-1">
      {STAFF_ROLE_KEYS.filter((role) => roles.some((g) => g.role === role)).map((role) => {
        const modules = roles.filter((g) => g.role === role && g.module !== '*').map((g) => g.module as ModuleKey);
        const label =
          isPerModuleRole(role) && modules.length
            ? `${t(`roleNames.${role}`)}（${modules.length === MODULE_KEYS.length ? t('allModules') : modules.map((m) => tm(`${m}.name`)).join('、')}）`
            : t(`roleNames.${role}`);
        return (
          <Badge key={role} tone={role === 'admin' ? 'danger' : 'primary'} data-role={role}>
            {label}
          </Badge>
        );
      })}
    </div>
  );
}

/** A generated password, shown once with a copy button; it is gone when dismissed. */
function OneTimePassword({ secret, onDismiss }: { secret: Secret; onDismiss: () => void }) {
  const t = useTranslations('staffUsers');
  const [copied, setCopied] = useState<'yes' | 'failed'>();
  const codeRef = useRef<HTMLElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, [secret]);
  const copy = async () => {
    try {
      if (navigator.clipboard?.writeText) await navigator.clipboard.writeText(secret.password);
      else {
        // Plain-HTTP intranet deployments have no Clipboard API: select the text and use the legacy command.
        const range = document.createRange();
        range.selectNodeContents(codeRef.current!);
        const sel = window.getSelection();
        sel?.removeAllRanges();
        sel?.addRange(range);
        if (!document.execCommand('copy')) throw new Error('copy refused');
      }
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <section aria-labelledby="otp-title" className="rounded-card border-2 border-amber-300 bg-amber-50 p-4" data-testid="one-time-password">
      <h2 id="otp-title" ref={headingRef} tabIndex={-1} className="flex items-center gap-2 font-semibold outline-none">
        <KeyRound className="h-4 w-4" aria-hidden />
        {t(secret.kind === 'created' ? 'passwordForNew' : 'passwordForReset', { name: secret.name, username: secret.username })}
      </h2>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <code ref={codeRef} data-testid="one-time-password-value" className="select-all rounded-md border border-amber-300 bg-white px-3 py-1.5 font-mono text-lg tracking-wider">
          {secret.password}
        </code>
        <Button type="button" size="sm" variant="outline" onClick={copy}>
          {copied === 'yes' ? <Check className="h-4 w-4" aria-hidden /> : <Copy className="h-4 w-4" aria-hidden />}
          {copied === 'yes' ? t('copied') : t('copy')}
        </Button>
        <span role="status" className="text-sm text-danger">
          {copied === 'failed' ? t('copyFailed') : ''}
        </span>
      </div>
      <p className="mt-3 text-sm font-medium text-amber-900">{t('oneTimeWarning')}</p>
      <Button type="button" size="sm" className="mt-3" onClick={onDismiss}>
        {t('dismiss')}
      </Button>
    </section>
  );
}

function RolesEditor({ row, isSelf, pending, onSave, onCancel }: { row: StaffUserRow; isSelf: boolean; pending: boolean; onSave: (roles: RoleGrant[]) => void; onCancel: () => void }) {
  const t = useTranslations('staffUsers');
  const [value, setValue] = useState(row.roles);
  return (
    <div className="flex flex-col gap-3 bg-primary-soft/40 p-3" data-testid="roles-editor">
      <RoleGrid value={value} onChange={setValue} legend={t('rolesTitle', { name: row.name })} disabled={pending} lockAdmin={isSelf} idPrefix={`edit-${row.id}`} />
      {isSelf && <p className="text-xs text-muted-foreground">{t('ownAdminHint')}</p>}
      <div className="flex gap-2">
        <Button size="sm" disabled={pending} onClick={() => onSave(value)}>
          {t('saveRoles')}
        </Button>
        <Button size="sm" variant="outline" disabled={pending} onClick={onCancel}>
          {t('cancel')}
        </Button>
      </div>
    </div>
  );
}

export function StaffUsers({ rows, selfId }: { rows: StaffUserRow[]; selfId: string }) {
  const t = useTranslations('staffUsers');
  const router = useRouter();
  const [alert, setAlert] = useState<{ tone: 'danger' | 'success'; message: string }>();
  const [secret, setSecret] = useState<Secret>();
  const [editing, setEditing] = useState<string>();
  const [pending, startTransition] = useTransition();
  const form = useZodForm(createStaffSchema, { defaultValues: { name: '', username: '', mobile: '', email: '', roles: [] } });
  const { register, handleSubmit, formState, control, reset } = form;
  const err = (k: 'name' | 'username' | 'mobile' | 'email') => formState.errors[k]?.message as string | undefined;
  const rolesError = (formState.errors.roles?.message ?? formState.errors.roles?.root?.message) as string | undefined;

  const run = <T,>(fn: () => Promise<{ ok: true; data: T } | { ok: false; message: string }>, done: (data: T) => string | void) =>
    startTransition(async () => {
      const r = await fn();
      if (r.ok) {
        const message = done(r.data);
        setAlert(message ? { tone: 'success', message } : undefined);
      } else setAlert({ tone: 'danger', message: r.message });
      router.refresh();
    });

  const onCreate = handleSubmit(async (values) => {
    setAlert(undefined);
    const r = await createStaffAction(values);
    if (!r.ok) {
      setAlert({ tone: 'danger', message: applyServerErrors(form, r) });
      return;
    }
    reset();
    setSecret({ name: values.name, username: r.data.username, password: r.data.password, kind: 'created' });
    setAlert({ tone: 'success', message: t('created') });
    router.refresh();
  });

  return (
    <div className="flex flex-col gap-6">
      {alert && <FormAlert tone={alert.tone} message={alert.message} />}
      {secret && <OneTimePassword secret={secret} onDismiss={() => setSecret(undefined)} />}

      <section aria-labelledby="staff-list">
        <h2 id="staff-list" className="mb-2 font-semibold">
          {t('listTitle')}
        </h2>
        {rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('none')}</p>
        ) : (
          <Table stack data-testid="staff-users" className="text-[13px]">
            <thead>
              <tr>
                <Th>{t('name')}</Th>
                <Th>{t('username')}</Th>
                <Th>{t('roles')}</Th>
                <Th>{t('status')}</Th>
                <Th>{t('createdAt')}</Th>
                <Th>{t('actions')}</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const isSelf = r.id === selfId;
                const active = r.status === 'active';
                return (
                  <Fragment key={r.id}>
                    <tr data-username={r.username ?? ''}>
                      <Td label={t('name')} className="py-1.5">
                        <div className="font-medium">{r.name}</div>
                        {(r.mobile || r.email) && <div className="text-xs text-muted-foreground">{[r.mobile, r.email].filter(Boolean).join(' · ')}</div>}
                      </Td>
                      <Td label={t('username')} className="py-1.5 font-mono">
                        {r.username}
                        {isSelf && (
                          <Badge tone="neutral" className="ml-1 font-sans">
                            {t('you')}
                          </Badge>
                        )}
                      </Td>
                      <Td label={t('roles')} className="py-1.5">
                        <RoleBadges roles={r.roles} />
                      </Td>
                      <Td label={t('status')} className="py-1.5">
                        <div className="flex flex-wrap gap-1">
                          <Badge tone={active ? 'success' : 'neutral'}>{active ? t('statusActive') : t('statusDisabled')}</Badge>
                          {r.mustChangePassword && <Badge tone="warning">{t('mustChange')}</Badge>}
                        </div>
                      </Td>
                      <Td label={t('createdAt')} className="whitespace-nowrap py-1.5 text-muted-foreground">{r.created}</Td>
                      <Td label={t('actions')} className="whitespace-nowrap py-1.5">
                        <div className="flex gap-1">
                          <Button size="sm" variant="outline" disabled={pending} aria-expanded={editing === r.id} onClick={() => setEditing(editing === r.id ? undefined : r.id)}>
                            {t('editRoles')}
                          </Button>
                          {!isSelf && (
                            <ConfirmDialog
                              trigger={
                                <Button size="sm" variant="outline" disabled={pending}>
                                  {active ? t('disable') : t('enable')}
                                </Button>
                              }
                              title={t(active ? 'disableTitle' : 'enableTitle', { name: r.name })}
                              description={t(active ? 'disableBody' : 'enableBody')}
                              confirmLabel={active ? t('disable') : t('enable')}
                              cancelLabel={t('cancel')}
                              danger={active}
                              onConfirm={() => run(() => setStaffStatusAction({ id: r.id, status: active ? 'disabled' : 'active' }), () => (active ? t('disabledDone') : t('enabledDone')))}
                            />
                          )}
                          {!isSelf && (
                            <ConfirmDialog
                              trigger={
                                <Button size="sm" variant="ghost" className="text-danger" disabled={pending}>
                                  {t('resetPassword')}
                                </Button>
                              }
                              title={t('resetTitle', { name: r.name })}
                              description={t('resetBody')}
                              confirmLabel={t('resetPassword')}
                              cancelLabel={t('cancel')}
                              onConfirm={() =>
                                run(
                                  () => resetStaffPasswordAction({ id: r.id }),
                                  (d) => {
                                    setSecret({ name: r.name, username: d.username, password: d.password, kind: 'reset' });
                                    return t('resetDone');
                                  },
                                )
                              }
                            />
                          )}
                        </div>
                      </Td>
                    </tr>
                    {editing === r.id && (
                      <tr>
                        <td colSpan={6} className="border-b border-border">
                          <RolesEditor
                            key={JSON.stringify(r.roles)}
                            row={r}
                            isSelf={isSelf}
                            pending={pending}
                            onCancel={() => setEditing(undefined)}
                            onSave={(roles) =>
                              run(
                                () => setStaffRolesAction({ id: r.id, roles }),
                                (d) => {
                                  setEditing(undefined);
                                  return d.changed ? t('rolesSaved') : t('rolesUnchanged');
                                },
                              )
                            }
                          />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </Table>
        )}
      </section>

      <section aria-labelledby="staff-new" className="rounded-card border border-border bg-white p-4">
        <h2 id="staff-new" className="mb-1 font-semibold">
          {t('createTitle')}
        </h2>
        <p className="mb-3 text-sm text-muted-foreground">{t('createIntro')}</p>
        <form method="post" {...form.preloadProps} onSubmit={onCreate} noValidate className="grid gap-4 sm:grid-cols-2" aria-busy={formState.isSubmitting}>
          <Field id="staff-name" label={t('name')} required error={err('name')}>
            <Input {...register('name')} />
          </Field>
          <Field id="staff-username" label={t('username')} required hint={t('usernameHint')} error={err('username')}>
            <Input autoComplete="off" {...register('username')} />
          </Field>
          <Field id="staff-mobile" label={t('mobile')} error={err('mobile')}>
            <Input inputMode="tel" maxLength={11} {...register('mobile')} />
          </Field>
          <Field id="staff-email" label={t('email')} error={err('email')}>
            <Input type="email" inputMode="email" {...register('email')} />
          </Field>
          <div className="sm:col-span-2">
            <Controller
              control={control}
              name="roles"
              render={({ field }) => <RoleGrid idPrefix="new" legend={t('roles')} value={(field.value ?? []) as RoleGrant[]} onChange={field.onChange} />}
            />
            {rolesError && (
              <p className="mt-1 text-sm text-danger" data-testid="staff-roles-error">
                {rolesError}
              </p>
            )}
          </div>
          <Button type="submit" className="self-start" disabled={formState.isSubmitting}>
            {t('create')}
          </Button>
        </form>
      </section>
    </div>
  );
}
