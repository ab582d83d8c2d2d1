'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Field, FormAlert } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { updateReadingNoticeAction } from '@/lib/platform/notices/actions';

type Notice = { key: string; title: string; body: string; seconds: number };

/** One forced-reading notice: its title, text and reading time, saved together (server-checked, audited). */
export function ReadingNoticeForm({ notice }: { notice: Notice }) {
  const t = useTranslations('forcedReading.staff');
  const router = useRouter();
  const [values, setValues] = React.useState({ title: notice.title, body: notice.body, seconds: String(notice.seconds) });
  const [result, setResult] = React.useState<{ ok: boolean; text: string; fieldErrors?: Record<string, string[]> }>();
  const [pending, start] = React.useTransition();
  const err = (k: string) => (result && !result.ok ? result.fieldErrors?.[k]?.[0] : undefined);
  const id = (k: string) => `${notice.key.replace(/[^a-z0-9]/gi, '-')}-${k}`;
  return (
    <form
      method="post"
      className="flex flex-col gap-3"
      data-testid={`reading-notice-${notice.key}`}
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await updateReadingNoticeAction({ key: notice.key, ...values });
          setResult(r.ok ? { ok: true, text: t('saved') } : { ok: false, text: r.message, fieldErrors: r.fieldErrors });
          if (r.ok) router.refresh();
        });
      }}
    >
      <Field id={id('title')} label={t('fieldTitle')} required error={err('title')}>
        <Input value={values.title} maxLength={100} onChange={(e) => setValues((v) => ({ ...v, title: e.target.value }))} />
      </Field>
      <Field id={id('body')} label={t('fieldBody')} required error={err('body')}>
        <textarea
          className="min-h-48 rounded-md border border-border bg-white px-3 py-2 text-sm leading-6 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-primary"
          value={values.body}
          onChange={(e) => setValues((v) => ({ ...v, body: e.target.value }))}
        />
      </Field>
      <Field id={id('seconds')} label={t('fieldSeconds')} hint={t('secondsHint')} required error={err('seconds')} className="max-w-48">
        <Input type="number" min={0} max={600} value={values.seconds} onChange={(e) => setValues((v) => ({ ...v, seconds: e.target.value }))} />
      </Field>
      <div>
        <Button type="submit" size="sm" disabled={pending}>
          {t('save')}
        </Button>
      </div>
      <FormAlert tone={result?.ok ? 'success' : 'danger'} message={result?.text} />
    </form>
  );
}
