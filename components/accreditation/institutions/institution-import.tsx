'use client';
import { useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { Loader2, Upload } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Table, Td, Th } from '@/components/ui/table';
import { FormAlert } from '@/components/forms/field';
import { fileToBase64 } from '@/lib/file-base64';
import { importInstitutionsAction } from '@/lib/modules/accreditation/institutions/actions/import-institutions';
import { INSTITUTION_COLUMNS, INSTITUTION_IMPORT_MAX_BYTES } from '@/lib/modules/accreditation/institutions/schemas';
import type { InstitutionImportResult, InstitutionRowError } from '@/lib/modules/accreditation/institutions/services/import-institutions';

type Phase =
  | { kind: 'idle' }
  | { kind: 'reading' }
  | { kind: 'uploading' }
  | { kind: 'done'; result: Omit<InstitutionImportResult, 'errors'> }
  | { kind: 'invalid'; errors: InstitutionRowError[] }
  | { kind: 'failed'; message: string };

const TEMPLATE = `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${INSTITUTION_COLUMNS.join(',')}\r\nCNAS L0001,示例检测技术有限公司,lab@example.com\r\n`)}`;

/** Staff upload of the registry: a file, a busy state, then the counts or every row error (nothing imported). */
export function InstitutionImport() {
  const t = useTranslations('accreditedInstitutions.import');
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const inputRef = useRef<HTMLInputElement>(null);
  const busy = phase.kind === 'reading' || phase.kind === 'uploading';

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!file) return setPhase({ kind: 'failed', message: t('chooseFile') });
    if (!/\.(xlsx|csv)$/i.test(file.name)) return setPhase({ kind: 'failed', message: t('wrongType') });
    if (file.size > INSTITUTION_IMPORT_MAX_BYTES) return setPhase({ kind: 'failed', message: t('tooLarge') });
    setPhase({ kind: 'reading' });
    let contentBase64: string;
    try {
      contentBase64 = await fileToBase64(file);
    } catch {
      return setPhase({ kind: 'failed', message: t('readFailed') });
    }
    setPhase({ kind: 'uploading' });
    try {
      const r = await importInstitutionsAction({ fileName: file.name, contentBase64 });
      if (!r.ok) return setPhase({ kind: 'failed', message: r.fieldErrors?.contentBase64?.[0] ?? r.fieldErrors?.fileName?.[0] ?? r.message });
      const { errors, ...result } = r.data;
      // Either way the file is spent: choosing the corrected file (often the same name) must fire a change again.
      setFile(null);
      if (inputRef.current) inputRef.current.value = '';
      if (errors.length) return setPhase({ kind: 'invalid', errors });
      setPhase({ kind: 'done', result });
      router.refresh();
    } catch {
      setPhase({ kind: 'failed', message: t('uploadFailed') });
    }
  };

  return (
    <form method="post" onSubmit={submit} className="flex flex-col gap-4" aria-busy={busy} noValidate>
      <div className="flex flex-col gap-1">
        <label htmlFor="institution-file" className="text-sm font-medium text-slate-700">
          {t('fileLabel')}
        </label>
        <input
          ref={inputRef}
          id="institution-file"
          name="file"
          type="file"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          aria-describedby="institution-file-hint"
          disabled={busy}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setPhase({ kind: 'idle' });
          }}
          className="text-sm file:mr-3 file:rounded-md file:border file:border-border file:bg-white file:px-3 file:py-1.5 file:text-sm hover:file:bg-primary-soft"
        />
        <p id="institution-file-hint" className="text-xs text-muted-foreground">
          {t('fileHint', { columns: INSTITUTION_COLUMNS.join('，') })}{' '}
          <a href={TEMPLATE} download={t('templateFileName')} className="text-primary hover:underline">
            {t('template')}
          </a>
        </p>
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={busy || !file}>
          {busy ? <Loader2 className="h-4 w-4 animate-spin" aria-hidden /> : <Upload className="h-4 w-4" aria-hidden />}
          {busy ? t('importing') : t('submit')}
        </Button>
        <span role="status" aria-live="polite" className="text-sm text-muted-foreground">
          {phase.kind === 'reading' ? t('reading') : phase.kind === 'uploading' ? t('uploading') : ''}
        </span>
      </div>
      {busy && <progress className="h-1.5 w-full" aria-label={t('importing')} />}
      {phase.kind === 'failed' && <FormAlert message={phase.message} />}
      {phase.kind === 'done' && (
        <FormAlert
          tone="success"
          message={t('done', { created: phase.result.created, updated: phase.result.updated, unchanged: phase.result.unchanged, accounts: phase.result.accountsCreated })}
        />
      )}
      {phase.kind === 'invalid' && (
        <div className="flex flex-col gap-2">
          <FormAlert message={t('invalid', { count: phase.errors.length })} />
          <Table data-testid="institution-import-errors">
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
