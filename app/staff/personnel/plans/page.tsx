import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Download, Plus } from 'lucide-react';
import { Forbidden } from '@/components/forbidden';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Input, Select } from '@/components/ui/input';
import { Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { canAdministerPersonnelExams } from '@/lib/modules/personnel/access';
import { PLAN_KINDS } from '@/lib/modules/personnel/catalog';
import { listPlans, planFilterFrom } from '@/lib/modules/personnel/plans/queries';
import { planDates, planFee, planItemLabel } from '@/lib/modules/personnel/plans/present';
import { requireActor } from '@/lib/platform/auth/server';

export async function generateMetadata() {
  return { title: (await getTranslations('personnel.plans'))('title') };
}

const STATUS_TONE = { draft: 'neutral', open: 'success', closed: 'warning' } as const;

/** 考试计划 (module C): every plan with its item, dates, window, seats taken; filters, Excel export, new plan. */
export default async function PersonnelPlansPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor({ staff: true, next: '/staff/personnel/plans' });
  const t = await getTranslations('personnel');
  if (!canAdministerPersonnelExams(actor)) return <Forbidden detail={t('plans.noPermission')} />;
  const f = await getFormatter();
  const params = await searchParams;
  const filter = planFilterFrom(params);
  const rows = await listPlans(await getDb(), actor, filter);
  const qs = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as Array<[string, string]>).toString();
  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2">
        <div>
          <h1 className="text-base font-semibold">{t('plans.title')}</h1>
          <p className="text-sm text-muted-foreground">{t('plans.intro')}</p>
        </div>
        <div className="flex gap-2">
          <Button asChild size="sm" variant="outline">
            <a href={`/staff/personnel/plans/export${qs ? `?${qs}` : ''}`} download>
              <Download className="h-4 w-4" aria-hidden />
              {t('plans.export')}
            </a>
          </Button>
          <Button asChild size="sm">
            <Link href="/staff/personnel/plans/new">
              <Plus className="h-4 w-4" aria-hidden />
              {t('plans.new')}
            </Link>
          </Button>
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <form method="get" className="flex flex-wrap items-end gap-2" aria-label={t('plans.filters')}>
          <label className="flex flex-col gap-1 text-xs">
            {t('plans.fields.kind')}
            <Select name="kind" defaultValue={filter.kind ?? ''}>
              <option value="">{t('plans.allKinds')}</option>
              {PLAN_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`planKinds.${k}`)}
                </option>
              ))}
            </Select>
          </label>
          <label className="flex flex-col gap-1 text-xs">
            {t('plans.fields.status')}
            <Select name="status" defaultValue={filter.status ?? ''}>
              <option value="">{t('plans.allStatuses')}</option>
              {(['draft', 'open', 'closed'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`planStatus.${s}`)}
                </option>
              ))}
            </Select>
          </label>
          <label className="flex flex-col gap-1 text-xs">
            {t('plans.search')}
            <Input name="q" defaultValue={filter.q ?? ''} placeholder={t('plans.searchPlaceholder')} className="w-56" />
          </label>
          <Button type="submit" size="sm" variant="outline">
            {t('plans.filter')}
          </Button>
        </form>
        {rows.length === 0 ? (
          <p className="py-6 text-center text-sm text-muted-foreground">{t('plans.empty')}</p>
        ) : (
          <Table stack data-testid="plan-table">
            <thead>
              <tr>
                <Th>{t('plans.fields.name')}</Th>
                <Th>{t('plans.fields.kind')}</Th>
                <Th>{t('plans.fields.item')}</Th>
                <Th>{t('plans.fields.status')}</Th>
                <Th>{t('plans.examDates')}</Th>
                <Th>{t('plans.window')}</Th>
                <Th className="text-right">{t('plans.seats')}</Th>
                <Th className="text-right">{t('plans.fields.fee')}</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id} data-testid="plan-row">
                  <Td label={t('plans.fields.name')} className="min-w-[12rem] max-w-xs">
                    <Link href={`/staff/personnel/plans/${p.id}`} className="font-medium text-primary hover:underline">
                      {p.name}
                    </Link>
                  </Td>
                  <Td label={t('plans.fields.kind')} className="whitespace-nowrap">{t(`planKinds.${p.kind as 'inspection'}`)}</Td>
                  <Td label={t('plans.fields.item')}>{planItemLabel(p)}</Td>
                  <Td label={t('plans.fields.status')} className="whitespace-nowrap">
                    <Badge tone={STATUS_TONE[p.status as 'draft']}>{t(`planStatus.${p.status as 'draft'}`)}</Badge>
                  </Td>
                  <Td label={t('plans.examDates')} className="whitespace-nowrap">{planDates(p, t('plans.to'))}</Td>
                  <Td label={t('plans.window')} className="whitespace-nowrap text-xs">
                    {f.dateTime(p.enrollOpensAt, 'datetime')} – {f.dateTime(p.enrollClosesAt, 'datetime')}
                  </Td>
                  <Td label={t('plans.seats')} className="text-right tabular-nums">
                    {p.taken} / {p.capacity}
                  </Td>
                  <Td label={t('plans.fields.fee')} className="text-right tabular-nums">{planFee(p) ?? t('plans.noFee')}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
