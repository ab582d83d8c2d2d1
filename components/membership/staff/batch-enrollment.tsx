'use client';
import * as React from 'react';
import { useTranslations } from 'next-intl';
import { Download } from 'lucide-react';
import { SpreadsheetImport } from '@/components/forms/spreadsheet-import';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Table, Td, Th } from '@/components/ui/table';
import { checkEnrollmentFileAction, importEnrollmentFileAction } from '@/lib/modules/membership/staff/actions/enrollment';
import { ENROLLMENT_COLUMNS } from '@/lib/modules/membership/staff/enrollment-rows';
import { ENROLLMENT_FILE_MAX_BYTES } from '@/lib/modules/membership/staff/fields';
import type { EnrollmentCheckResult, EnrollmentImportResult } from '@/lib/modules/membership/staff/services/enrollment';

const TEMPLATE_HREF = '/portal/membership/training/template';

/**
 * 批量报名: the 报名须知 is read and acknowledged first; then the template
 * download and the upload, which checks every row (nothing written) and
 * reports row and column of each problem; a clean file is imported after a
 * confirmation, a file with errors only when the user chooses (and confirms)
 * 仅导入正确的行.
 */
export function BatchEnrollment({ notice, hasCourses }: { notice: { title: string; body: string }; hasCourses: boolean }) {
  const t = useTranslations('membershipStaff.training');
  const ti = useTranslations('membershipStaff.import');
  const [acknowledged, setAcknowledged] = React.useState(false);

  const preview = (r: EnrollmentCheckResult) =>
    r.preview.length > 0 && (
      <div className="flex flex-col gap-1">
        <h3 className="text-sm font-semibold">{ti('previewTitle')}</h3>
        <Table stack data-testid="enrollment-preview">
          <thead>
            <tr>
              <Th className="w-16">{ti('previewColumns.row')}</Th>
              <Th>{ti('previewColumns.name')}</Th>
              <Th>{ti('previewColumns.idNumber')}</Th>
              <Th>{ti('previewColumns.course')}</Th>
              <Th>{ti('previewColumns.roster')}</Th>
            </tr>
          </thead>
          <tbody>
            {r.preview.map((p) => (
              <tr key={`${p.row}`}>
                <Td label={ti('previewColumns.row')} className="tabular-nums">{p.row}</Td>
                <Td label={ti('previewColumns.name')}>{p.name}</Td>
                <Td label={ti('previewColumns.idNumber')} className="font-mono text-xs">{p.idNumberMasked}</Td>
                <Td label={ti('previewColumns.course')}>
                  <span className="font-mono text-xs">{p.courseCode}</span> {p.courseName}
                </Td>
                <Td label={ti('previewColumns.roster')}>{p.newToRoster ? <Badge tone="warning">{ti('newToRoster')}</Badge> : <Badge>{ti('onRoster')}</Badge>}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
        {r.validRows > r.preview.length && <p className="text-xs text-muted-foreground">{ti('previewMore', { count: r.validRows - r.preview.length })}</p>}
      </div>
    );

  return (
    <div className="flex flex-col gap-4">
      <section aria-labelledby="enrollment-notice-title" className="flex flex-col gap-2" data-testid="enrollment-notice">
        <h3 id="enrollment-notice-title" className="text-sm font-semibold">
          {notice.title}
        </h3>
        <div tabIndex={0} role="region" aria-labelledby="enrollment-notice-title" data-print-scroll className="max-h-72 overflow-y-auto rounded-md border border-border bg-muted/40 px-4 py-3 text-sm leading-6">
          {notice.body.split(/\n{2,}/).map((para, i) => (
            <p key={i} className="mb-2 whitespace-pre-line last:mb-0">
              {para}
            </p>
          ))}
        </div>
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" className="h-4 w-4" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} data-testid="enrollment-notice-ack" />
          {t('noticeAck')}
        </label>
      </section>

      {!acknowledged ? (
        <p className="text-sm text-muted-foreground">{t('ackRequired')}</p>
      ) : (
        <div className="flex flex-col gap-4" data-testid="batch-enrollment">
          <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">{t('rosterNote')}</p>
          <p className="text-sm text-muted-foreground">{t('steps')}</p>
          <div>
            <Button asChild variant="outline" size="sm">
              <a href={TEMPLATE_HREF} download={ti('templateFileName')} data-testid="enrollment-template-download">
                <Download className="h-4 w-4" aria-hidden />
                {t('downloadTemplate')}
              </a>
            </Button>
            {!hasCourses && <span className="ml-3 text-sm text-muted-foreground">{t('noCoursesForTemplate')}</span>}
          </div>
          <SpreadsheetImport<EnrollmentCheckResult, EnrollmentImportResult>
            id="enrollment"
            namespace="membershipStaff.import"
            columns={ENROLLMENT_COLUMNS}
            templateHref={TEMPLATE_HREF}
            maxBytes={ENROLLMENT_FILE_MAX_BYTES}
            action={checkEnrollmentFileAction}
            doneMessage={(r) => ti('summary', { rows: r.rows, valid: r.validRows, newPeople: r.newPeople })}
            commit={{
              action: importEnrollmentFileAction,
              validRows: (r) => r.validRows,
              invalidRows: (r) => r.invalidRows,
              summary: (r) => ti('summary', { rows: r.rows, valid: r.validRows, newPeople: r.newPeople }),
              details: preview,
              doneMessage: (c) => ti('done', { imported: c.imported, added: c.addedToRoster, skipped: c.skippedRows }),
            }}
          />
        </div>
      )}
    </div>
  );
}
