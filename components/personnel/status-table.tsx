'use client';
import * as React from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Trash2 } from 'lucide-react';
import { FormAlert } from '@/components/forms/field';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Table, Td, Th } from '@/components/ui/table';
import { deleteEnrollmentsAction } from '@/lib/modules/personnel/actions/delete-enrollments';

/** One row of 状态查看 as the table shows it (labels translated on the server). */
export type StatusTableRow = {
  id: string;
  number: string;
  kindLabel: string;
  itemLabel: string;
  enrollTypeLabel: string;
  planName: string | null;
  examDates: string | null;
  review: { label: string; tone: 'neutral' | 'primary' | 'success' | 'warning' | 'danger' };
  certification: { label: string; tone: 'neutral' | 'primary' | 'success' | 'warning' | 'danger'; number: string | null };
  result: string | null;
  returnOpinion: string | null;
  signedFormUploaded: boolean;
  submitted: boolean;
  deletable: boolean;
  infoEditable: boolean;
  awaitingSignedForm: boolean;
};

/**
 * 状态查看 (seed 002 §10): every enrollment with its qualification-review
 * status, certification status and exam result; select one or many to
 * delete (only unreviewed or returned ones — the server refuses the rest
 * too), print the form, 修改 and 修改附件.
 */
export function StatusTable({ rows }: { rows: StatusTableRow[] }) {
  const t = useTranslations('personnel.status');
  const router = useRouter();
  const [selected, setSelected] = React.useState<string[]>([]);
  const [alert, setAlert] = React.useState<{ tone: 'danger' | 'success'; message: string }>();
  const chosen = rows.filter((r) => selected.includes(r.id));
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const remove = async () => {
    setAlert(undefined);
    const r = await deleteEnrollmentsAction({ ids: selected });
    if (!r.ok) return setAlert({ tone: 'danger', message: r.message });
    setSelected([]);
    setAlert({ tone: 'success', message: t('deleted', { numbers: r.data.deleted.join('、') }) });
    router.refresh();
  };

  if (rows.length === 0) return <p className="py-6 text-center text-sm text-muted-foreground">{t('empty')}</p>;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <ConfirmDialog
          trigger={
            <Button type="button" variant="outline" size="sm" disabled={selected.length === 0} data-testid="delete-selected">
              <Trash2 className="h-4 w-4" aria-hidden />
              {t('deleteSelected', { count: selected.length })}
            </Button>
          }
          title={t('deleteTitle')}
          description={t('deleteConfirm', { numbers: chosen.map((r) => r.number).join('、') })}
          confirmLabel={t('delete')}
          cancelLabel={t('cancel')}
          onConfirm={remove}
        />
        <span className="text-xs text-muted-foreground">{t('deleteHint')}</span>
      </div>
      <FormAlert tone={alert?.tone} message={alert?.message} />
      <Table stack data-testid="status-table">
        <thead>
          <tr>
            <Th className="w-8">
              <span className="sr-only">{t('select')}</span>
            </Th>
            <Th>{t('number')}</Th>
            <Th>{t('enrollment')}</Th>
            <Th>{t('plan')}</Th>
            <Th>{t('review')}</Th>
            <Th>{t('result')}</Th>
            <Th>{t('certification')}</Th>
            <Th>{t('actions')}</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="status-row" data-number={r.number}>
              <Td label={t('select')} className="w-8 min-w-0">
                <input
                  type="checkbox"
                  checked={selected.includes(r.id)}
                  disabled={!r.deletable}
                  title={r.deletable ? undefined : t('notDeletable')}
                  onChange={() => toggle(r.id)}
                  aria-label={t('selectRow', { number: r.number })}
                />
              </Td>
              <Td label={t('number')} className="font-mono text-xs">
                <Link href={`/portal/applications/${r.id}`} className="text-primary hover:underline">
                  {r.number}
                </Link>
              </Td>
              <Td label={t('enrollment')}>
                <div>{r.kindLabel}</div>
                <div className="text-xs text-muted-foreground">
                  {r.itemLabel}
                  {r.enrollTypeLabel && ` · ${r.enrollTypeLabel}`}
                </div>
              </Td>
              <Td label={t('plan')} className="text-xs">
                {r.planName ?? '—'}
                {r.examDates && <div className="text-muted-foreground">{r.examDates}</div>}
              </Td>
              <Td label={t('review')}>
                <Badge tone={r.review.tone} data-testid="review-status">
                  {r.review.label}
                </Badge>
                {r.returnOpinion && <p className="mt-1 max-w-[16rem] text-xs text-warning">{t('returnOpinion', { opinion: r.returnOpinion })}</p>}
                {r.awaitingSignedForm && <p className="mt-1 text-xs text-danger">{t('signedFormMissing')}</p>}
              </Td>
              <Td label={t('result')} data-testid="exam-result">{r.result ?? '—'}</Td>
              <Td label={t('certification')}>
                <Badge tone={r.certification.tone} data-testid="certification-status">
                  {r.certification.label}
                </Badge>
                {r.certification.number && <div className="mt-1 font-mono text-xs">{r.certification.number}</div>}
              </Td>
              <Td label={t('actions')}>
                <div className="flex flex-col gap-1 whitespace-nowrap text-xs">
                  {r.submitted && (
                    <a href={`/api/applications/${r.id}/pdf`} target="_blank" rel="noopener" className="text-primary hover:underline" data-testid="print-form">
                      {t('printForm')}
                    </a>
                  )}
                  {r.infoEditable && (
                    <Link href={`/portal/personnel/enrollments/${r.id}/edit`} className="text-primary hover:underline" data-testid="modify">
                      {r.submitted ? t('modify') : t('continue')}
                    </Link>
                  )}
                  {r.infoEditable && r.submitted && (
                    <Link href={`/portal/personnel/enrollments/${r.id}/edit#materials`} className="text-primary hover:underline" data-testid="modify-attachments">
                      {r.awaitingSignedForm ? t('uploadSignedForm') : t('modifyAttachments')}
                    </Link>
                  )}
                  <Link href={`/portal/applications/${r.id}`} className="text-primary hover:underline">
                    {t('view')}
                  </Link>
                </div>
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
