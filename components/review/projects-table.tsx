import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { Table, Td, Th } from '@/components/ui/table';
import { provinceName } from '@/lib/modules/review/constants';
import type { ProjectRow } from '@/lib/modules/review/queries';
import { cn } from '@/lib/utils';

// The request's time (outside the component: rendering itself stays pure).
const requestTime = () => Date.now();

const STATUS_TONE = { saved: 'neutral', submitted: 'primary', returned: 'warning', finished: 'success', failed: 'danger', rejected: 'danger', withdrawn: 'neutral' } as const;

/**
 * 评审项目管理 (seed 004 §4): 序号, 项目编号, 省份, 单位名称, 统一社会信用代码,
 * 联系人, 联系电话, 评审类型, 状态, 阶段, 期限, 操作. Overdue due dates are
 * highlighted; 操作 opens the project's operations page.
 */
export async function ProjectsTable({
  rows,
  offset,
  hrefOf,
  operationsLabel,
  selectForm,
}: {
  rows: ProjectRow[];
  offset: number;
  hrefOf: (r: ProjectRow) => string;
  operationsLabel: string;
  /** Staff: a checkbox per row belonging to this form (批量打印). */
  selectForm?: string;
}) {
  const t = await getTranslations('review');
  const f = await getFormatter();
  const now = requestTime();
  if (rows.length === 0) return <p className="py-8 text-center text-sm text-muted-foreground">{t('list.empty')}</p>;
  return (
    <Table stack data-testid="review-projects">
      <thead>
        <tr>
          {selectForm && (
            <Th className="w-8">
              <span className="sr-only">{t('list.select')}</span>
            </Th>
          )}
          {(['index', 'number', 'province', 'unitName', 'creditCode', 'contactName', 'contactMobile', 'reviewType', 'status', 'stage', 'dueAt', 'operations'] as const).map((c) => (
            <Th key={c} className="whitespace-nowrap">
              {t(`list.columns.${c}`)}
            </Th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => {
          const open = !['finished', 'failed', 'rejected', 'withdrawn'].includes(r.status);
          const overdue = open && r.dueAt !== null && r.dueAt.getTime() < now;
          return (
            <tr key={r.id} className={cn(overdue && 'bg-red-50')} data-overdue={overdue || undefined} data-number={r.number}>
              {selectForm && (
                <Td>
                  <input type="checkbox" name="ids" value={r.id} form={selectForm} aria-label={t('list.selectRow', { number: r.number })} className="h-4 w-4" />
                </Td>
              )}
              <Td label={t('list.columns.index')} className="tabular-nums">{offset + i + 1}</Td>
              <Td label={t('list.columns.number')} className="whitespace-nowrap font-mono">{r.number}</Td>
              <Td label={t('list.columns.province')} className="whitespace-nowrap">{provinceName(r.province) || '—'}</Td>
              <Td label={t('list.columns.unitName')}>{r.unitName}</Td>
              <Td label={t('list.columns.creditCode')} className="font-mono text-xs">{r.creditCode || '—'}</Td>
              <Td label={t('list.columns.contactName')} className="whitespace-nowrap">{r.contactName || '—'}</Td>
              <Td label={t('list.columns.contactMobile')} className="whitespace-nowrap tabular-nums">{r.contactMobile || '—'}</Td>
              <Td label={t('list.columns.reviewType')} className="whitespace-nowrap">{r.reviewType ? t(`options.reviewType.${r.reviewType}` as never) : '—'}</Td>
              <Td label={t('list.columns.status')}>
                <Badge tone={STATUS_TONE[r.listStatus]}>{t(`options.listStatus.${r.listStatus}`)}</Badge>
              </Td>
              <Td label={t('list.columns.stage')} className="whitespace-nowrap" data-testid="project-stage">
                {t(`options.stage.${r.stage}`)}
              </Td>
              <Td label={t('list.columns.dueAt')} className={cn('whitespace-nowrap tabular-nums', overdue && 'font-semibold text-danger')}>
                {open && r.dueAt ? f.dateTime(r.dueAt, 'date') : '—'}
                {overdue && `（${t('list.overdue')}）`}
              </Td>
              <Td label={t('list.columns.operations')}>
                <Link href={hrefOf(r)} className="whitespace-nowrap text-primary hover:underline">
                  {operationsLabel}
                  <span className="sr-only"> {r.number}</span>
                </Link>
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

/** Previous / next page links of a list. */
export async function Pager({ page, pageSize, total, hrefOf }: { page: number; pageSize: number; total: number; hrefOf: (page: number) => string }) {
  const t = await getTranslations('review.list');
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return <p className="text-xs text-muted-foreground">{t('total', { total })}</p>;
  return (
    <nav aria-label={t('pager')} className="flex items-center gap-3 text-sm">
      <span className="text-xs text-muted-foreground">{t('total', { total })}</span>
      {page > 1 && <Link href={hrefOf(page - 1)} className="text-primary hover:underline">{t('previous')}</Link>}
      <span className="tabular-nums">{t('pageOf', { page, pages })}</span>
      {page < pages && <Link href={hrefOf(page + 1)} className="text-primary hover:underline">{t('next')}</Link>}
    </nav>
  );
}
