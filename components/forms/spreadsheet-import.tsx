'use client';
import { useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { CheckCircle2, Loader2, Upload } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Table, Td, Th } from '@/components/ui/table';
import { FormAlert } from '@/components/forms/field';
import { fileToBase64 } from '@/lib/file-base64';
import type { ActionResult } from '@/lib/platform/errors';

export type ImportRowError = { row: number; column: string; message: string };

type SentFile = { fileName: string; contentBase64: string };

type Phase<R, C> =
  | { kind: 'idle' }
  | { kind: 'reading' }
  | { kind: 'uploading' }
  | { kind: 'done'; result: R }
  | { kind: 'invalid'; errors: ImportRowError[]; result?: R; file?: SentFile }
  | { kind: 'failed'; message: string }
  // Two-step imports (`commit`): a clean check waits for 确认导入; then the import runs and is done.
  | { kind: 'checked'; result: R; file: SentFile }
  | { kind: 'committing'; result: R; file: SentFile; validOnly: boolean }
  | { kind: 'committed'; result: C; skipped: ImportRowError[] };

/**
 * The second step of a two-step import: the first `action` only checks the
 * file (nothing written) and reports every row error; the user then imports
 * it — the whole file once it is clean, or (when some rows are wrong and
 * `validRows` > 0) only the correct rows, each after a confirmation.
 */
export type ImportCommit<R, C> = {
  action: (input: SentFile & { validOnly: boolean }) => Promise<ActionResult<C>>;
  /** Rows of a check that would be imported. */
  validRows: (r: R) => number;
  /** Rows of a check that are wrong (for the 仅导入正确的行 confirmation). */
  invalidRows: (r: R) => number;
  /** What a clean check found (above 确认导入). */
  summary: (r: R) => string;
  /** Shown under a check's result, e.g. the rows that would be imported. */
  details?: (r: R) => React.ReactNode;
  doneMessage: (c: C) => string;
};

/** A CSV template (with a BOM so Excel reads the Chinese headers) as a download link. */
export function csvTemplateHref(columns: readonly string[], exampleRows: string[][] = []): string {
  const lines = [columns.join(','), ...exampleRows.map((r) => r.join(','))];
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${lines.join('\r\n')}\r\n`)}`;
}

/**
 * Upload of a spreadsheet (.xlsx / .csv) to an import action: the file is
 * checked in the browser (type, size), read, sent with a busy state and
 * progress, then the action's counts are shown or every row error in a table
 * (row, column, problem). Without `commit` the action imports all rows or
 * none at once (the staff imports); with `commit` it is a check first and the
 * import a confirmed second step (see ImportCommit). The texts come from
 * `namespace` (fileLabel, fileHint {columns}, template, templateFileName,
 * submit, importing, reading, uploading, chooseFile, wrongType, tooLarge,
 * readFailed, uploadFailed, invalid {count}, errorsCaption, row, column,
 * problem; with `commit` also: confirmImport, confirmTitle, confirmBody
 * {count}, importValidOnly, validOnlyTitle, validOnlyBody {valid, invalid},
 * validOnlyHint {valid, invalid}, cancel, committing, skippedCaption).
 */
export function SpreadsheetImport<R extends { errors: ImportRowError[] }, C extends { errors: ImportRowError[] } = R>({
  id,
  namespace,
  columns,
  templateHref,
  maxBytes,
  action,
  doneMessage,
  commit,
  disabled = false,
}: {
  /** Prefix of element ids and test ids: `${id}-file`, `${id}-import-progress`, `${id}-import-errors`, `${id}-import-summary`, `${id}-import-done`. */
  id: string;
  namespace: string;
  columns: readonly string[];
  templateHref: string;
  maxBytes: number;
  action: (input: SentFile) => Promise<ActionResult<R>>;
  doneMessage: (result: R) => string;
  commit?: ImportCommit<R, C>;
  /** E.g. until a notice is acknowledged. */
  disabled?: boolean;
}) {
  const t = useTranslations(namespace);
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase<R, C>>({ kind: 'idle' });
  const inputRef = useRef<HTMLInputElement>(null);
  const busy = phase.kind === 'reading' || phase.kind === 'uploading' || phase.kind === 'committing';

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
    const sent = { fileName: file.name, contentBase64 };
    try {
      const r = await action(sent);
      if (!r.ok) return setPhase({ kind: 'failed', message: r.fieldErrors?.contentBase64?.[0] ?? r.fieldErrors?.fileName?.[0] ?? r.message });
      // Either way the file is spent: choosing the corrected file (often the same name) must fire a change again.
      setFile(null);
      if (inputRef.current) inputRef.current.value = '';
      if (r.data.errors.length) return setPhase({ kind: 'invalid', errors: r.data.errors, result: r.data, file: sent });
      if (commit) return setPhase({ kind: 'checked', result: r.data, file: sent });
      setPhase({ kind: 'done', result: r.data });
      router.refresh();
    } catch {
      setPhase({ kind: 'failed', message: t('uploadFailed') });
    }
  };

  const runCommit = async (result: R, sent: SentFile, validOnly: boolean) => {
    if (!commit) return;
    setPhase({ kind: 'committing', result, file: sent, validOnly });
    try {
      const r = await commit.action({ ...sent, validOnly });
      if (!r.ok) return setPhase({ kind: 'failed', message: r.message });
      // Something changed since the check (another upload, a course closed): the new report, nothing imported.
      if (r.data.errors.length && !validOnly) return setPhase({ kind: 'invalid', errors: r.data.errors, file: sent });
      setPhase({ kind: 'committed', result: r.data, skipped: r.data.errors });
      router.refresh();
    } catch {
      setPhase({ kind: 'failed', message: t('uploadFailed') });
    }
  };

  const errorTable = (errors: ImportRowError[], caption: string) => (
    <Table data-testid={`${id}-import-errors`}>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <Th className="w-16">{t('row')}</Th>
          <Th className="w-28">{t('column')}</Th>
          <Th>{t('problem')}</Th>
        </tr>
      </thead>
      <tbody>
        {errors.map((e, i) => (
          <tr key={i} data-testid={`${id}-import-error`}>
            <Td className="tabular-nums">{e.row}</Td>
            <Td>{e.column}</Td>
            <Td>{e.message}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );

  const checkedResult = phase.kind === 'checked' || phase.kind === 'committing' ? phase.result : phase.kind === 'invalid' ? phase.result : undefined;
  const checkedFile = phase.kind === 'checked' || phase.kind === 'committing' || phase.kind === 'invalid' ? phase.file : undefined;
  const validCount = commit && checkedResult ? commit.validRows(checkedResult) : 0;

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
          disabled={busy || disabled}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setPhase({ kind: 'idle' });
          }}
          className="text-sm file:mr-3 file:rounded-md file:border file:border-border file:bg-white file:px-3 file:py-1.5 file:text-sm hover:file:bg-primary-soft"
        />
        <p id={`${id}-file-hint`} className="text-xs text-muted-foreground">
          {t('fileHint', { columns: columns.join('，') })}{' '}
          <a href={templateHref} download={t('templateFileName')} className="text-primary hover:underline" data-testid={`${id}-template`}>
            {t('template')}
          </a>
        </p>
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={busy || !file || disabled}>
          {busy ? <Loader2 className="h-4 w-4 animate-spin" aria-hidden /> : <Upload className="h-4 w-4" aria-hidden />}
          {busy ? t('importing') : t('submit')}
        </Button>
        <span role="status" aria-live="polite" className="text-sm text-muted-foreground" data-testid={`${id}-import-progress`}>
          {phase.kind === 'reading' ? t('reading') : phase.kind === 'uploading' ? t('uploading') : phase.kind === 'committing' ? t('committing') : ''}
        </span>
      </div>
      {busy && <progress className="h-1.5 w-full" aria-label={t('importing')} />}
      {phase.kind === 'failed' && <FormAlert message={phase.message} />}
      {phase.kind === 'done' && <FormAlert tone="success" message={doneMessage(phase.result)} />}

      {commit && checkedResult && checkedFile && (phase.kind === 'checked' || (phase.kind === 'committing' && !phase.validOnly)) && (
        <div className="flex flex-col gap-3" data-testid={`${id}-import-summary`}>
          <FormAlert tone="success">
            <span className="flex items-center gap-2">
              <CheckCircle2 className="h-4 w-4" aria-hidden />
              {commit.summary(checkedResult)}
            </span>
          </FormAlert>
          {commit.details?.(checkedResult)}
          <div>
            <ConfirmDialog
              trigger={
                <Button type="button" disabled={busy} data-testid={`${id}-import-confirm`}>
                  {t('confirmImport')}
                </Button>
              }
              title={t('confirmTitle')}
              description={t('confirmBody', { count: validCount })}
              confirmLabel={t('confirmImport')}
              cancelLabel={t('cancel')}
              danger={false}
              onConfirm={() => runCommit(checkedResult, checkedFile, false)}
            />
          </div>
        </div>
      )}

      {phase.kind === 'invalid' && (
        <div className="flex flex-col gap-2">
          <FormAlert message={t('invalid', { count: phase.errors.length })} />
          {commit && checkedResult && checkedFile && validCount > 0 && (
            <div className="flex flex-wrap items-center gap-3 rounded-md border border-border bg-muted px-3 py-2 text-sm">
              <span>{t('validOnlyHint', { valid: validCount, invalid: commit.invalidRows(checkedResult) })}</span>
              <ConfirmDialog
                trigger={
                  <Button type="button" variant="outline" size="sm" disabled={busy} data-testid={`${id}-import-valid-only`}>
                    {t('importValidOnly')}
                  </Button>
                }
                title={t('validOnlyTitle')}
                description={t('validOnlyBody', { valid: validCount, invalid: commit.invalidRows(checkedResult) })}
                confirmLabel={t('importValidOnly')}
                cancelLabel={t('cancel')}
                danger={false}
                onConfirm={() => runCommit(checkedResult, checkedFile, true)}
              />
            </div>
          )}
          {errorTable(phase.errors, t('errorsCaption'))}
        </div>
      )}

      {phase.kind === 'committed' && commit && (
        <div className="flex flex-col gap-2" data-testid={`${id}-import-done`}>
          <FormAlert tone="success" message={commit.doneMessage(phase.result)} />
          {phase.skipped.length > 0 && errorTable(phase.skipped, t('skippedCaption'))}
        </div>
      )}
    </form>
  );
}
