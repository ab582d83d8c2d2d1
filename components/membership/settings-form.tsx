'use client';
import { HydratedButton } from '@/components/forms/hydrated-button';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Field, FormAlert } from '@/components/forms/field';
import { Input } from '@/components/ui/input';
import { updateMembershipSettingsAction } from '@/lib/modules/membership/actions/update-settings';

type Grade = { key: 'regular' | 'council' | 'executive' | 'vicePresident'; label: string };

/** Dues per grade (yuan) and the membership term (months), saved together. */
export function MembershipSettingsForm({ grades, dues, termMonths }: { grades: Grade[]; dues: Record<Grade['key'], string>; termMonths: number }) {
  const t = useTranslations('membership.settings');
  const router = useRouter();
  const [values, setValues] = React.useState({ dues, termMonths: String(termMonths) });
  const [result, setResult] = React.useState<{ ok: boolean; text: string; fieldErrors?: Record<string, string[]> }>();
  const [pending, start] = React.useTransition();
  const err = (k: string) => (result && !result.ok ? result.fieldErrors?.[k]?.[0] : undefined);
  return (
    <form
      method="post"
      className="flex max-w-xl flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await updateMembershipSettingsAction(values);
          setResult(r.ok ? { ok: true, text: t('saved') } : { ok: false, text: r.message, fieldErrors: r.fieldErrors });
          if (r.ok) router.refresh();
        });
      }}
    >
      {grades.map((g) => (
        <Field key={g.key} id={`dues-${g.key}`} label={t('duesOf', { grade: g.label })} required error={err(`dues.${g.key}`)}>
          <Input type="number" min={0} step="0.01" value={values.dues[g.key]} onChange={(e) => setValues((v) => ({ ...v, dues: { ...v.dues, [g.key]: e.target.value } }))} />
        </Field>
      ))}
      <Field id="termMonths" label={t('termMonths')} hint={t('termHint')} required error={err('termMonths')}>
        <Input type="number" min={1} max={120} value={values.termMonths} onChange={(e) => setValues((v) => ({ ...v, termMonths: e.target.value }))} />
      </Field>
      <div>
        <HydratedButton type="submit" size="sm" disabled={pending}>
          {t('save')}
        </HydratedButton>
      </div>
      <FormAlert tone={result?.ok ? 'success' : 'danger'} message={result?.text} />
    </form>
  );
}
