'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Award } from 'lucide-react';
import { FormAlert } from '@/components/forms/field';
import { csvTemplateHref, SpreadsheetImport } from '@/components/forms/spreadsheet-import';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Input, Select } from '@/components/ui/input';
import { certifyPassedAction } from '@/lib/modules/personnel/actions/certify-passed';
import { importResultsAction } from '@/lib/modules/personnel/actions/import-results';
import { RESULT_COLUMNS, RESULT_IMPORT_MAX_BYTES } from '@/lib/modules/personnel/results/schemas';
import { fireTransitionAction } from '@/lib/platform/workflow/actions/fire-transition';

const TEMPLATE = csvTemplateHref(RESULT_COLUMNS, [['JC2027000001', '张三', '合格', '86', '90', ''], ['JC2027000002', '李四', '缺考', '', '', '']]);

/** 成绩导入: the plan's results from .xlsx / .csv (all rows or none, errors per row). */
export function ResultsImport({ planId }: { planId: string }) {
  const t = useTranslations('personnel.results.import');
  return (
    <SpreadsheetImport
      id="results"
      namespace="personnel.results.import"
      columns={RESULT_COLUMNS}
      templateHref={TEMPLATE}
      maxBytes={RESULT_IMPORT_MAX_BYTES}
      action={(input) => importResultsAction({ ...input, planId })}
      doneMessage={(r) => t('done', { recorded: r.recorded, passed: r.passed, failed: r.failed })}
    />
  );
}

/** 录入成绩 for one approved enrollment: the result, the scores, a note; fires the engine's pass / fail after a confirmation. */
export function ResultEntry({ applicationId, version, number, name }: { applicationId: string; version: number; number: string; name: string }) {
  const t = useTranslations('personnel.results');
  const to = useTranslations('personnel.outcomes');
  const router = useRouter();
  const [outcome, setOutcome] = React.useState<'pass' | 'fail' | 'absent'>('pass');
  const [theory, setTheory] = React.useState('');
  const [practical, setPractical] = React.useState('');
  const [error, setError] = React.useState<string>();
  const record = async () => {
    setError(undefined);
    const r = await fireTransitionAction({ applicationId, version, event: outcome === 'pass' ? 'pass' : 'fail', data: { outcome, theoryScore: theory, practicalScore: practical, note: '' } });
    if (!r.ok) return setError(Object.values(r.fieldErrors ?? {})[0]?.[0] ?? r.message);
    router.refresh();
  };
  return (
    <div className="flex flex-col gap-1" data-testid={`result-entry-${number}`}>
      <div className="flex flex-wrap items-center gap-1">
        <Select value={outcome} onChange={(e) => setOutcome(e.target.value as 'pass')} aria-label={t('outcomeFor', { number })} className="h-8 px-2 text-xs">
          {(['pass', 'fail', 'absent'] as const).map((o) => (
            <option key={o} value={o}>
              {to(o)}
            </option>
          ))}
        </Select>
        <Input value={theory} onChange={(e) => setTheory(e.target.value)} inputMode="decimal" placeholder={t('theory')} aria-label={t('theoryFor', { number })} className="h-8 w-16 px-2 text-xs" />
        <Input value={practical} onChange={(e) => setPractical(e.target.value)} inputMode="decimal" placeholder={t('practical')} aria-label={t('practicalFor', { number })} className="h-8 w-16 px-2 text-xs" />
        <ConfirmDialog
          danger={false}
          trigger={
            <Button type="button" size="sm" variant="outline">
              {t('record')}
            </Button>
          }
          title={t('recordTitle')}
          description={t('recordConfirm', { number, name, outcome: to(outcome) })}
          confirmLabel={t('record')}
          cancelLabel={t('cancel')}
          onConfirm={record}
        />
      </div>
      {error && (
        <p role="alert" className="text-xs text-danger">
          {error}
        </p>
      )}
    </div>
  );
}

/** 为合格人员发证: issues the certificate of every passed enrollment of the plan, after a confirmation. */
export function CertifyPassedButton({ planId, passed }: { planId: string; passed: number }) {
  const t = useTranslations('personnel.results');
  const router = useRouter();
  const [alert, setAlert] = React.useState<{ tone: 'danger' | 'success'; message: string }>();
  const run = async () => {
    setAlert(undefined);
    const r = await certifyPassedAction({ planId });
    if (!r.ok) return setAlert({ tone: 'danger', message: r.message });
    setAlert({ tone: 'success', message: t('certified', { count: r.data.certified }) });
    router.refresh();
  };
  return (
    <div className="flex flex-col gap-2">
      <ConfirmDialog
        danger={false}
        trigger={
          <Button type="button" size="sm" disabled={passed === 0} data-testid="certify-passed">
            <Award className="h-4 w-4" aria-hidden />
            {t('certifyPassed', { count: passed })}
          </Button>
        }
        title={t('certifyTitle')}
        description={t('certifyConfirm', { count: passed })}
        confirmLabel={t('certify')}
        cancelLabel={t('cancel')}
        onConfirm={run}
      />
      <FormAlert tone={alert?.tone} message={alert?.message} />
    </div>
  );
}
