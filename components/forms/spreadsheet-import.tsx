'use client';
import { useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { Loader2, Upload } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Table, Td, Th } from '@/components/ui/table';
import { FormAlert } from '@/components/forms/field';
import { fileToBase64 } from '@/lib/file-base64';
import type { ActionResult } from '@/lib/platform/errors';

export type ImportRowError = { row: number; column: string; message: string };

type Phase<R> =
  | { kind: 'idle' }
  | { kind: 'reading' }
  | { kind: 'uploading' }
  | { kind: 'done'; result: R }
  | { kind: 'invalid'; errors: ImportRowError[] }
  | { kind: 'failed'; message: string };

/** A CSV template (with a BOM so Excel reads the Chinese headers) as a download link. */
export function csvTemplateHref(columns: readonly string[], exampleRows: string[][] = []): string {
  const lines = [columns.join(','), ...exampleRows.map((r) => r.join(','))];
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${lines.join('\r\n')}\r\n`)}`;
}

/**
 * Staff upload of a spreadsheet (.xlsx / .csv) to an import action that
 * imports all rows or none: the file is checked in the browser (type, size),
 * read, sent with a busy state and progress, then the action's counts are
 * shown or every row error in a table. The texts come from `namespace`
 * (fileLabel, fileHint {columns}, template, templateFileName, submit,
 * importing, reading, uploading, chooseFile, wrongType, tooLarge, readFailed,
 * uploadFailed, invalid {count}, errorsCaption, row, column, problem).
 */
export function SpreadsheetImport<R extends { errors: ImportRowError[] }>({
  id,
  namespace,
  columns,
  templateHref,
  maxBytes,
  action,
  doneMessage,
}: {
  /** Prefix of element ids and test ids: `${id}-file`, `${id}-import-progress`, `${id}-import-errors`. */
  id: string;
  namespace: string;
  columns: readonly string[];
  templateHref: string;
  maxBytes: number;
  action: (input: { fileName: string; contentBase64: string }) => Promise<ActionResult<R>>;
  doneMessage: (result: R) => string;
}) {
  const t = useTranslations(namespace);
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase<R>>({ kind: 'idle' });
  const inputRef = useRef<HTMLInputElement>(null);
  const busy = phase.kind === 'reading' || phase.kind === 'uploading';

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!file) return setPhase({ kind: 'failed', message: t('chooseFile') });
    if (!/\.(xlsx|csv)$/i.test(file.name)) return setPhase({ kind: 'failed', message: t('wrongType') });
    if (file.size > maxBytes) return setPhase({ kind: 'failed', message: t('tooLarge') });
    setPhase({ kind: 'reading' });
    let contentBase64: string;
    try {
      contentBase64 = await fileToBase64(file);
    } catch {
      return setPhase({ kind: 'failed', message: t('readFailed') });
    }
    setPhase({ kind: 'uploading' });
    try {
      const r = await action({ fileName: file.name, contentBase64 });
      if (!r.ok) return setPhase({ kind: 'failed', message: r.fieldErrors?.contentBase64?.[0] ?? r.fieldErrors?.fileName?.[0] ?? r.message });
      // Either way the file is spent: choosing the corrected file (often the same name) must fire a change again.
      setFile(null);
      if (inputRef.current) inputRef.current.value = '';
      if (r.data.errors.length) return setPhase({ kind: 'invalid', errors: r.data.errors });
      setPhase({ kind: 'done', result: r.data });
      router.refresh();
    } catch {
      setPhase({ kind: 'failed', message: t('uploadFailed') });
    }
  };

  return (
    <form method="post" onSubmit={submit} className="flex flex-col gap-4" aria-busy={busy} noValidate>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-file`} className="text-sm font-medium text-slate-700">
          {t('fileLabel')}
        </label>
        <input
          ref={inputRef}
          id={`${id}-file`}
          name="file"
          type="file"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          aria-describedby={`${id}-file-hint`}
          disabled={busy}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setPhase({ kind: 'idle' });
          }}
          className="text-sm file:mr-3 file:rounded-md file:border file:border-border file:bg-white file:px-3 file:py-1.5 file:text-sm hover:file:bg-primary-soft"
        />
        <p id={`${id}-file-hint`} className="text-xs text-muted-foreground">
          {t('fileHint', { columns: columns.join('，') })}{' '}
          <a href={templateHref} download={t('templateFileName')} className="text-primary hover:underline">
            {t('template')}
          </a>
        </p>
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={busy || !file}>
          {busy ? <Loader2 className="h-4 w-4 animate-spin" aria-hidden /> : <Upload className="h-4 w-4" aria-hidden />}
          {busy ? t('importing') : t('submit')}
        </Button>
        <span role="status" aria-live="polite" className="text-sm text-muted-foreground" data-testid={`${id}-import-progress`}>
          {phase.kind === 'reading' ? t('reading') : phase.kind === 'uploading' ? t('uploading') : ''}
        </span>
      </div>
      {busy && <progress className="h-1.5 w-full" aria-label={t('importing')} />}
      {phase.kind === 'failed' && <FormAlert message={phase.message} />}
      {phase.kind === 'done' && <FormAlert tone="success" message={doneMessage(phase.result)} />}
      {phase.kind === 'invalid' && (
        <div className="flex flex-col gap-2">
          <FormAlert message={t('invalid', { count: phase.errors.length })} />
          <Table data-testid={`${id}-import-errors`}>
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
