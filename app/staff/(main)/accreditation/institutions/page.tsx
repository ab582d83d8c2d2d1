import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { InstitutionImport } from '@/components/accreditation/institutions/institution-import';
import { InstitutionTable } from '@/components/accreditation/institutions/institution-table';
import { ExportButton } from '@/components/console/export-button';
import { Forbidden } from '@/components/forbidden';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Input, Label } from '@/components/ui/input';
import { getDb } from '@/db';
import { canManageInstitutions } from '@/lib/modules/accreditation/institutions/services/access';
import { listInstitutions } from '@/lib/modules/accreditation/institutions/services/registry';
import { requireActor } from '@/lib/platform/auth/server';

const PATH = '/staff/accreditation/institutions';

export async function generateMetadata() {
  return { title: (await getTranslations('accreditedInstitutions.staff'))('title') };
}

/** 已获认可机构名录: import, search, correct a contact email (admins and module-A reviewers; the actions refuse everyone else too). */
export default async function AccreditedInstitutionsPage({ searchParams }: { searchParams: Promise<{ q?: string; page?: string }> }) {
  const actor = await requireActor({ staff: true, next: PATH });
  if (!canManageInstitutions(actor)) return <Forbidden />;
  const t = await getTranslations('accreditedInstitutions');
  const tc = await getTranslations('common');
  const f = await getFormatter();
  const sp = await searchParams;
  const q = typeof sp.q === 'string' ? sp.q.trim().slice(0, 100) : '';
  const page = Math.max(1, Number.parseInt(typeof sp.page === 'string' ? sp.page : '1', 10) || 1);
  const list = await listInstitutions(await getDb(), { q, page });
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const href = (p: number) => `${PATH}?${new URLSearchParams({ ...(q ? { q } : {}), ...(p > 1 ? { page: String(p) } : {}) })}`;

  return (
    <div className="flex flex-col gap-4">
      <Card>
        <CardHeader>
          <h1 className="text-base font-semibold">{t('staff.title')}</h1>
          <p className="text-sm text-muted-foreground">{t('staff.intro')}</p>
        </CardHeader>
        <CardContent>
          <h2 className="mb-3 text-sm font-semibold">{t('import.title')}</h2>
          <InstitutionImport />
        </CardContent>
      </Card>
      <Card>
        <CardContent className="flex flex-col gap-4 pt-5">
          <form method="get" role="search" className="flex flex-wrap items-end gap-2">
            <div className="flex min-w-64 flex-col gap-1">
              <Label htmlFor="institution-q">{t('list.searchLabel')}</Label>
              <Input id="institution-q" name="q" defaultValue={q} className="h-8" placeholder={t('list.searchPlaceholder')} />
            </div>
            <Button type="submit" size="sm">
              {tc('search')}
            </Button>
            {q && (
              <Button asChild size="sm" variant="outline">
                <Link href={PATH}>{tc('reset')}</Link>
              </Button>
            )}
          </form>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm text-muted-foreground" data-testid="institution-count">
              {t('list.count', { total: list.total })}
            </p>
            <ExportButton href={`${PATH}/export${q ? `?q=${encodeURIComponent(q)}` : ''}`} fallbackName="accredited-institutions.xlsx" testId="institutions-export" />
          </div>
          <InstitutionTable rows={list.rows.map(({ updatedAt, ...r }) => ({ ...r, updated: f.dateTime(updatedAt, 'datetime') }))} />
          {pages > 1 && (
            <nav aria-label={t('list.pagination')} className="flex items-center justify-end gap-2 text-sm">
              {list.page > 1 && (
                <Button asChild size="sm" variant="outline">
                  <Link href={href(list.page - 1)}>{t('list.prev')}</Link>
                </Button>
              )}
              <span className="text-muted-foreground">{t('list.pageOf', { page: list.page, pages })}</span>
              {list.page < pages && (
                <Button asChild size="sm" variant="outline">
                  <Link href={href(list.page + 1)}>{t('list.next')}</Link>
                </Button>
              )}
            </nav>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
