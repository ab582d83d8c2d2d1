import Link from 'next/link';
import type { ReactNode } from 'react';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { Table, Td, Th } from '@/components/ui/table';
import { badgeTone, stateLabel } from '@/components/workflow/labels';
import type { ChangeApplicationRow } from '@/lib/modules/membership/changes/queries';
import { findKind } from '@/lib/platform/workflow';

/**
 * An enterprise's applications of one change flow: number, what it is about
 * (the flow's own column), state, dates, and the way on (continue while it
 * may be edited, else view).
 */
export async function ChangeApplicationsTable<R extends ChangeApplicationRow>({ rows, about, testId }: { rows: R[]; about?: { title: string; render: (row: R) => ReactNode }; testId: string }) {
  const t = await getTranslations();
  const c = await getTranslations('membershipChanges.common');
  const f = await getFormatter();
  if (rows.length === 0) return <p className="py-6 text-center text-sm text-muted-foreground">{c('empty')}</p>;
  return (
    <Table stack data-testid={testId}>
      <thead>
        <tr>
          <Th>{c('number')}</Th>
          {about && <Th>{about.title}</Th>}
          <Th>{c('status')}</Th>
          <Th>{c('submittedAt')}</Th>
          <Th>{c('updatedAt')}</Th>
          <Th>
            <span className="sr-only">{c('actions')}</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-number={r.number} data-status={r.status}>
            <Td label={c('number')} className="whitespace-nowrap font-mono text-xs">{r.number}</Td>
            {about && <Td label={about.title}>{about.render(r)}</Td>}
            <Td label={c('status')} className="whitespace-nowrap">
              <Badge tone={badgeTone(findKind(r.kind)?.states[r.status]?.tone)}>{stateLabel(t, r.kind, r.status)}</Badge>
            </Td>
            <Td label={c('submittedAt')} className="whitespace-nowrap tabular-nums">{r.submittedAt ? f.dateTime(r.submittedAt, 'datetime') : c('notSubmitted')}</Td>
            <Td label={c('updatedAt')} className="whitespace-nowrap tabular-nums">{f.dateTime(r.updatedAt, 'datetime')}</Td>
            <Td className="whitespace-nowrap">
              <Link href={r.href} className="text-primary hover:underline">
                {r.status === 'draft' || r.status === 'returned' ? c('continue') : c('view')}
              </Link>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
