import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Plus } from 'lucide-react';
import { ExportButton } from '@/components/console/export-button';
import { Forbidden } from '@/components/forbidden';
import { FormAlert } from '@/components/forms/field';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Input, Label, Select } from '@/components/ui/input';
import { Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { NOTICE_CATEGORIES, NOTICE_STATUSES } from '@/lib/modules/publications/schemas';
import { publishableModules } from '@/lib/modules/publications/services/access';
import { listStaffNotices, staffNoticeFilterFrom, type StaffNoticeFilter } from '@/lib/modules/publications/services/list-notices';
import { requireActor } from '@/lib/platform/auth/server';

export async function generateMetadata() {
  return { title: (await getTranslations('publications'))('staff.title') };
}

const statusTone = { draft: 'neutral', scheduled: 'warning', published: 'success' } as const;

function queryOf(f: Partial<StaffNoticeFilter>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '' && !(k === 'page' && v === 1)) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** 信息发布: the notices the staff member may edit, with filters, title search and pages. */
export default async function StaffNoticesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor({ staff: true, next: '/staff/notices' });
  const t = await getTranslations();
  const tp = await getTranslations('publications');
  const allowed = publishableModules(actor);
  if (!allowed.platform && !allowed.modules.length) return <Forbidden detail={tp('staff.noPermission')} />;
  const f = await getFormatter();
  const sp = await searchParams;
  const filter = staffNoticeFilterFrom(sp);
  const { rows, total, page, pages } = await listStaffNotices(await getDb(), actor, filter);
  const moduleLabel = (m: string | null) => (m ? t(`modules.${m}.name` as never) : tp('platformWide'));

  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2">
        <div>
          <h1 className="text-base font-semibold">{tp('staff.title')}</h1>
          <p className="text-sm text-muted-foreground">{tp('staff.intro')}</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <ExportButton href={`/staff/notices/export${queryOf({ ...filter, page: 1 })}`} fallbackName="notices.xlsx" testId="notices-export" />
          <Button asChild size="sm">
            <Link href="/staff/notices/new">
              <Plus className="h-4 w-4" aria-hidden />
              {tp('staff.new')}
            </Link>
          </Button>
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {sp.deleted === '1' && <FormAlert tone="success" message={tp('staff.deleted')} />}
        <form method="get" role="search" aria-label={tp('staff.filters')} className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6 lg:items-end">
          <div className="flex flex-col gap-1">
            <Label htmlFor="nf-module">{tp('staff.module')}</Label>
            <Select id="nf-module" name="module" defaultValue={filter.module ?? ''} className="h-8">
              <option value="">{tp('staff.all')}</option>
              {allowed.platform && <option value="platform">{tp('platformWide')}</option>}
              {allowed.modules.map((m) => (
                <option key={m} value={m}>
                  {moduleLabel(m)}
                </option>
              ))}
            </Select>
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="nf-category">{tp('staff.category')}</Label>
            <Select id="nf-category" name="category" defaultValue={filter.category ?? ''} className="h-8">
              <option value="">{tp('staff.all')}</option>
              {NOTICE_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {tp(`category.${c}`)}
                </option>
              ))}
            </Select>
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="nf-status">{tp('staff.status')}</Label>
            <Select id="nf-status" name="status" defaultValue={filter.status ?? ''} className="h-8">
              <option value="">{tp('staff.all')}</option>
              {NOTICE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {tp(`status.${s}`)}
                </option>
              ))}
            </Select>
          </div>
          <div className="col-span-2 flex flex-col gap-1 sm:col-span-3">
            <Label htmlFor="nf-q">{tp('staff.search')}</Label>
            <div className="flex gap-2">
              <Input id="nf-q" name="q" type="search" defaultValue={filter.q} maxLength={100} className="h-8" />
              <Button type="submit" size="sm">
                {tp('staff.apply')}
              </Button>
              <Button asChild size="sm" variant="outline">
                <Link href="/staff/notices">{tp('staff.reset')}</Link>
              </Button>
            </div>
          </div>
        </form>

        <p className="text-sm text-muted-foreground">{tp('staff.total', { total })}</p>
        {rows.length === 0 ? (
          <p className="py-6 text-center text-sm text-muted-foreground">{tp('staff.empty')}</p>
        ) : (
          <Table stack data-testid="staff-notice-table">
            <thead>
              <tr>
                <Th>{tp('staff.colTitle')}</Th>
                <Th>{tp('staff.colModule')}</Th>
                <Th>{tp('staff.colCategory')}</Th>
                <Th>{tp('staff.colStatus')}</Th>
                <Th>{tp('staff.colPublishedAt')}</Th>
                <Th className="text-right">{tp('staff.colAttachments')}</Th>
                <Th>{tp('staff.colUpdatedAt')}</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <Td label={tp('staff.colTitle')} className="max-w-md">
                    <Link href={`/staff/notices/${r.id}/edit`} className="font-medium text-primary hover:underline">
                      {r.title}
                    </Link>
                  </Td>
                  <Td label={tp('staff.colModule')} className="whitespace-nowrap">{moduleLabel(r.module)}</Td>
                  <Td label={tp('staff.colCategory')} className="whitespace-nowrap">{tp(`category.${r.category === 'document' ? 'document' : 'news'}`)}</Td>
                  <Td label={tp('staff.colStatus')}>
                    <Badge tone={statusTone[r.status]}>{tp(`status.${r.status}`)}</Badge>
                  </Td>
                  <Td label={tp('staff.colPublishedAt')} className="whitespace-nowrap">{r.publishedAt ? f.dateTime(r.publishedAt, 'datetime') : '—'}</Td>
                  <Td label={tp('staff.colAttachments')} className="text-right">{r.attachmentCount}</Td>
                  <Td label={tp('staff.colUpdatedAt')} className="whitespace-nowrap">{f.dateTime(r.updatedAt, 'datetime')}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}

        {pages > 1 && (
          <nav aria-label={tp('public.pagination')} className="flex items-center justify-between gap-2 text-sm">
            {page > 1 ? (
              <Link href={`/staff/notices${queryOf({ ...filter, page: page - 1 })}`} className="text-primary hover:underline" rel="prev">
                {tp('public.prev')}
              </Link>
            ) : (
              <span />
            )}
            <span className="text-muted-foreground">{tp('public.pageOf', { page, pages, total })}</span>
            {page < pages ? (
              <Link href={`/staff/notices${queryOf({ ...filter, page: page + 1 })}`} className="text-primary hover:underline" rel="next">
                {tp('public.next')}
              </Link>
            ) : (
              <span />
            )}
          </nav>
        )}
      </CardContent>
    </Card>
  );
}
