'use client';
import { useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { Loader2, Upload } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Table, Td, Th } from '@/components/ui/table';
import { FormAlert } from '@/components/forms/field';
import { fileToBase64 } from '@/lib/file-base64';
import { importLegacyAction } from '@/lib/modules/account/actions/import-legacy';
import { LEGACY_COLUMNS, LEGACY_IMPORT_MAX_BYTES } from '@/lib/modules/account/legacy-schemas';
import type { LegacyRowError } from '@/lib/modules/account/services/import-legacy';

type Phase = { kind: 'idle' } | { kind: 'reading' } | { kind: 'uploading' } | { kind: 'done'; imported: number } | { kind: 'invalid'; errors: LegacyRowError[] } | { kind: 'failed'; message: string };

const TEMPLATE = `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${LEGACY_COLUMNS.join(',')}\r\n`)}`;

/** Staff upload of old-system accounts: a file, a busy state, then the count or the row errors. */
export function LegacyImport() {
  const t = useTranslations('legacy.import');
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const inputRef = useRef<HTMLInputElement>(null);
  const busy = phase.kind === 'reading' || phase.kind === 'uploading';

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!file) return setPhase({ kind: 'failed', message: t('chooseFile') });
    if (!/\.(xlsx|csv)$/i.test(file.name)) return setPhase({ kind: 'failed', message: t('wrongType') });
    if (file.size > LEGACY_IMPORT_MAX_BYTES) return setPhase({ kind: 'failed', message: t('tooLarge') });
    setPhase({ kind: 'reading' });
    let contentBase64: string;
    try {
      contentBase64 = await fileToBase64(file);
    } catch {
      return setPhase({ kind: 'failed', message: t('readFailed') });
    }
    setPhase({ kind: 'uploading' });
    try {
      const r = await importLegacyAction({ fileName: file.name, contentBase64 });
      if (!r.ok) return setPhase({ kind: 'failed', message: r.fieldErrors?.contentBase64?.[0] ?? r.fieldErrors?.fileName?.[0] ?? r.message });
      if (r.data.errors.length) return setPhase({ kind: 'invalid', errors: r.data.errors });
      setPhase({ kind: 'done', imported: r.data.imported });
      setFile(null);
      if (inputRef.current) inputRef.current.value = '';
      router.refresh();
    } catch {
      setPhase({ kind: 'failed', message: t('uploadFailed') });
    }
  };

  return (
    <form method="post" onSubmit={submit} className="flex flex-col gap-4" aria-busy={busy} noValidate>
      <div className="flex flex-col gap-1">
        <label htmlFor="legacy-file" className="text-sm font-medium text-slate-700">
          {t('fileLabel')}
        </label>
        <input
          ref={inputRef}
          id="legacy-file"
          name="file"
          type="file"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          aria-describedby="legacy-file-hint"
          disabled={busy}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setPhase({ kind: 'idle' });
          }}
          className="text-sm file:mr-3 file:rounded-md file:border file:border-border file:bg-white file:px-3 file:py-1.5 file:text-sm hover:file:bg-primary-soft"
        />
        <p id="legacy-file-hint" className="text-xs text-muted-foreground">
          {t('fileHint', { columns: LEGACY_COLUMNS.join('，') })}{' '}
          <a href={TEMPLATE} download="老系统用户导入模板.csv" className="text-primary hover:underline">
            {t('template')}
          </a>
        </p>
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={busy || !file}>
          {busy ? <Loader2 className="h-4 w-4 animate-spin" aria-hidden /> : <Upload className="h-4 w-4" aria-hidden />}
          {busy ? t('importing') : t('submit')}
        </Button>
        <span role="status" aria-live="polite" className="text-sm text-muted-foreground" data-testid="legacy-import-progress">
          {phase.kind === 'reading' ? t('reading') : phase.kind === 'uploading' ? t('uploading') : ''}
        </span>
      </div>
      {busy && <progress className="h-1.5 w-full" aria-label={t('importing')} />}
      {phase.kind === 'failed' && <FormAlert message={phase.message} />}
      {phase.kind === 'done' && <FormAlert tone="success" message={t('done', { count: phase.imported })} />}
      {phase.kind === 'invalid' && (
        <div className="flex flex-col gap-2">
          <FormAlert message={t('invalid', { count: phase.errors.length })} />
          <Table data-testid="legacy-import-errors">
            <caption className="sr-only">{t('errorsCaption')}</caption>
            <thead>
              <tr>
                <Th>{t('row')}</Th>
                <Th>{t('column')}</Th>
                <Th>{t('problem')}</Th>
              </tr>
            </thead>
            <tbody>
              {phase.errors.map((e, i) => (
                <tr key={i}>
                  <Td>{e.row}</Td>
                  <Td>{e.column}</Td>
                  <Td>{e.message}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </form>
  );
}
