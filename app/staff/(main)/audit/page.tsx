import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Download } from 'lucide-react';
import { Forbidden } from '@/components/forbidden';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Input, Label, Select } from '@/components/ui/input';
import { Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { AUDIT_ACTION_FILTERS, auditFilterSchema, type AuditFilterParams } from '@/lib/modules/staff-admin/schemas';
import { auditQueryOf, searchAudit } from '@/lib/modules/staff-admin/services/audit-search';
import { can } from '@/lib/platform/auth/permissions';
import { requireActor } from '@/lib/platform/auth/server';
import { auditActionLabel } from './labels';

export async function generateMetadata() {
  return { title: (await getTranslations('auditLog'))('title') };
}

type Search = Record<string, string | string[] | undefined>;

/** Query string of a filter (optionally with a page cursor); empty values are left out. */
function queryString(p: AuditFilterParams, extra: { before?: number } = {}): string {
  const entries = Object.entries({ action: p.action, actor: p.actor, success: p.success, from: p.from, to: p.to, before: extra.before?.toString() });
  return new URLSearchParams(entries.filter((e): e is [string, string] => Boolean(e[1]))).toString();
}

const compact = (detail: unknown) => (detail == null ? '' : JSON.stringify(detail));

/** 审计日志: search by action, actor, result and dates (Asia/Shanghai); newest first; export to Excel. Admins only. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor({ staff: true, next: '/staff/audit' });
  if (!can(actor, { action: 'staff.role', role: 'admin' })) return <Forbidden />;
  const t = await getTranslations();
  const tl = await getTranslations('auditLog');
  const f = await getFormatter();
  const raw = await searchParams;
  const params = auditFilterSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const { items, nextBeforeId } = await searchAudit(await getDb(), auditQueryOf(params));
  const filterQs = queryString(params);
  const actionOptions: string[] = [...AUDIT_ACTION_FILTERS];
  if (params.action && !actionOptions.includes(params.action)) actionOptions.push(params.action);
  const label = (action: string) => auditActionLabel(tl, action);

  return (
    <Card>
      <CardHeader>
        <h1 className="text-base font-semibold">{tl('title')}</h1>
        <p className="text-sm text-muted-foreground">{tl('intro')}</p>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <form method="get" role="search" aria-label={tl('filters')} className="flex flex-wrap items-end gap-3" data-testid="audit-filters">
          <div className="flex flex-col gap-1">
            <Label htmlFor="audit-action">{tl('action')}</Label>
            <Select id="audit-action" name="action" defaultValue={params.action ?? ''} className="h-8">
              <option value="">{tl('allActions')}</option>
              {actionOptions.map((a) => (
                <option key={a} value={a}>
                  {label(a)}
                </option>
              ))}
            </Select>
          </div>
          <div className="flex min-w-48 flex-col gap-1">
            <Label htmlFor="audit-actor">{tl('actor')}</Label>
            <Input id="audit-actor" name="actor" defaultValue={params.actor ?? ''} placeholder={tl('actorPlaceholder')} className="h-8" />
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="audit-success">{tl('result')}</Label>
            <Select id="audit-success" name="success" defaultValue={params.success ?? ''} className="h-8">
              <option value="">{tl('all')}</option>
              <option value="true">{tl('success')}</option>
              <option value="false">{tl('failure')}</option>
            </Select>
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="audit-from">{tl('from')}</Label>
            <Input id="audit-from" name="from" type="date" defaultValue={params.from ?? ''} className="h-8" />
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="audit-to">{tl('to')}</Label>
            <Input id="audit-to" name="to" type="date" defaultValue={params.to ?? ''} className="h-8" />
          </div>
          <Button type="submit" size="sm">
            {t('common.search')}
          </Button>
          <Button asChild size="sm" variant="outline">
            <Link href="/staff/audit">{t('common.reset')}</Link>
          </Button>
          {/* A plain link: the route handler answers with an attachment. */}
          <Button asChild size="sm" variant="outline" className="ml-auto">
            <a href={`/staff/audit/export${filterQs ? `?${filterQs}` : ''}`} download data-testid="audit-export">
              <Download className="h-4 w-4" aria-hidden />
              {tl('export')}
            </a>
          </Button>
        </form>

        {items.length === 0 ? (
          <p className="py-8 text-center text-sm text-muted-foreground">{tl('empty')}</p>
        ) : (
          <Table stack data-testid="audit-log" className="text-[13px]">
            <thead>
              <tr>
                <Th>{tl('time')}</Th>
                <Th>{tl('action')}</Th>
                <Th>{tl('result')}</Th>
                <Th>{tl('actor')}</Th>
                <Th>{tl('ip')}</Th>
                <Th>{tl('target')}</Th>
                <Th>{tl('detail')}</Th>
              </tr>
            </thead>
            <tbody>
              {items.map((it) => {
                const detail = compact(it.detail);
                return (
                  <tr key={it.id} data-action={it.action} data-actor={it.actorUsername ?? ''}>
                    <Td label={tl('time')} className="whitespace-nowrap py-1.5">
                      <time dateTime={it.at.toISOString()}>
                        {f.dateTime(it.at, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false })}
                      </time>
                    </Td>
                    <Td label={tl('action')} className="py-1.5">
                      <div>{label(it.action)}</div>
                      <div className="font-mono text-[11px] text-muted-foreground">{it.action}</div>
                    </Td>
                    <Td label={tl('result')} className="py-1.5">
                      <Badge tone={it.success ? 'success' : 'danger'}>{it.success ? tl('success') : tl('failure')}</Badge>
                    </Td>
                    <Td label={tl('actor')} className="py-1.5">
                      {it.actorId ? (
                        <>
                          <div>{it.actorName}</div>
                          <div className="font-mono text-[11px] text-muted-foreground">{it.actorUsername}</div>
                        </>
                      ) : (
                        <span className="text-muted-foreground">{tl('noActor')}</span>
                      )}
                    </Td>
                    <Td label={tl('ip')} className="whitespace-nowrap py-1.5 font-mono text-xs">{it.ip}</Td>
                    <Td label={tl('target')} className="py-1.5 font-mono text-xs" title={it.targetId ?? undefined}>
                      {it.targetType ? `${it.targetType}:${(it.targetId ?? '').slice(0, 8)}` : ''}
                    </Td>
                    <Td label={tl('detail')} className="max-w-md py-1.5">
                      <code className="line-clamp-2 break-all font-mono text-[11px] text-slate-700" title={detail.length > 120 ? detail : undefined}>
                        {detail}
                      </code>
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        )}

        <nav aria-label={tl('pagination')} className="flex gap-2">
          {params.before && (
            <Button asChild size="sm" variant="outline">
              <Link href={`/staff/audit${filterQs ? `?${filterQs}` : ''}`}>{tl('firstPage')}</Link>
            </Button>
          )}
          {nextBeforeId && (
            <Button asChild size="sm" variant="outline">
              <Link href={`/staff/audit?${queryString(params, { before: nextBeforeId })}`} data-testid="audit-next">
                {tl('nextPage')}
              </Link>
            </Button>
          )}
        </nav>
      </CardContent>
    </Card>
  );
}
