'use client';
import { HydratedButton } from '@/components/forms/hydrated-button';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Plus, Trash2 } from 'lucide-react';
import { FormAlert } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { updateBusinessFieldsAction } from '@/lib/modules/accreditation/settings/actions/update-business-fields';
import { updatePreApplicationNotesAction } from '@/lib/modules/accreditation/settings/actions/update-pre-application-notes';

type Field = { key: string; label: string };
type Result = { ok: true; text: string } | { ok: false; text: string; fieldErrors?: Record<string, string[]> };

/** The configurable list of business fields (key + name), saved as a whole. */
export function BusinessFieldsForm({ initial }: { initial: Field[] }) {
  const t = useTranslations('accreditation.settings');
  const router = useRouter();
  const [rows, setRows] = React.useState<Field[]>(initial);
  const [result, setResult] = React.useState<Result>();
  const [pending, start] = React.useTransition();
  const err = (i: number, k: 'key' | 'label') => (result && !result.ok ? result.fieldErrors?.[`fields.${i}.${k}`]?.[0] : undefined);
  const update = (i: number, patch: Partial<Field>) => setRows((r) => r.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <form
      method="post"
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await updateBusinessFieldsAction({ fields: rows });
          setResult(r.ok ? { ok: true, text: t('saved') } : { ok: false, text: r.message, fieldErrors: r.fieldErrors });
          if (r.ok) router.refresh();
        });
      }}
    >
      <table className="w-full text-sm" data-testid="business-fields-table">
        <thead className="text-left text-xs text-muted-foreground">
          <tr>
            <th className="py-1 pr-2 font-medium">{t('label')}</th>
            <th className="py-1 pr-2 font-medium">{t('key')}</th>
            <th className="py-1 font-medium">
              <span className="sr-only">{t('remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((f, i) => (
            <tr key={i} className="align-top">
              <td className="py-1 pr-2">
                <Input aria-label={t('labelOf', { n: i + 1 })} value={f.label} onChange={(e) => update(i, { label: e.target.value })} aria-invalid={err(i, 'label') ? true : undefined} />
                {err(i, 'label') && <p className="text-xs text-danger">{err(i, 'label')}</p>}
              </td>
              <td className="py-1 pr-2">
                <Input aria-label={t('keyOf', { n: i + 1 })} value={f.key} onChange={(e) => update(i, { key: e.target.value })} className="font-mono" aria-invalid={err(i, 'key') ? true : undefined} />
                {err(i, 'key') && <p className="text-xs text-danger">{err(i, 'key')}</p>}
              </td>
              <td className="py-1">
                <Button type="button" variant="ghost" size="sm" aria-label={t('removeOf', { name: f.label || i + 1 })} onClick={() => setRows((r) => r.filter((_, j) => j !== i))}>
                  <Trash2 className="h-4 w-4" aria-hidden />
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-muted-foreground">{t('keyHint')}</p>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="button" variant="outline" size="sm" onClick={() => setRows((r) => [...r, { key: '', label: '' }])}>
          <Plus className="mr-1 h-4 w-4" aria-hidden />
          {t('add')}
        </Button>
        <HydratedButton type="submit" size="sm" disabled={pending}>
          {t('saveFields')}
        </HydratedButton>
      </div>
      <FormAlert tone={result?.ok ? 'success' : 'danger'} message={result?.text} />
    </form>
  );
}

/** The notes above the pre-application form, one per line. */
export function NotesForm({ initial }: { initial: string[] }) {
  const t = useTranslations('accreditation.settings');
  const router = useRouter();
  const [text, setText] = React.useState(initial.join('\n'));
  const [result, setResult] = React.useState<Result>();
  const [pending, start] = React.useTransition();
  return (
    <form
      method="post"
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const notes = text.split('\n').map((s) => s.trim()).filter(Boolean);
        start(async () => {
          const r = await updatePreApplicationNotesAction({ notes });
          setResult(r.ok ? { ok: true, text: t('saved') } : { ok: false, text: Object.values(r.fieldErrors ?? {})[0]?.[0] ?? r.message });
          if (r.ok) router.refresh();
        });
      }}
    >
      <label htmlFor="preapp-notes-text" className="text-sm font-medium">
        {t('notesLabel')}
      </label>
      <textarea id="preapp-notes-text" rows={12} value={text} onChange={(e) => setText(e.target.value)} className="rounded-md border border-input bg-white px-3 py-2 text-sm" />
      <div>
        <HydratedButton type="submit" size="sm" disabled={pending}>
          {t('saveNotes')}
        </HydratedButton>
      </div>
      <FormAlert tone={result?.ok ? 'success' : 'danger'} message={result?.text} />
    </form>
  );
}
