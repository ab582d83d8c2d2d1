import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { ExportButton } from '@/components/console/export-button';
import { StaffUsers } from '@/components/staff/staff-users';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Input, Label } from '@/components/ui/input';
import { getDb } from '@/db';
import { listStaff } from '@/lib/modules/staff-admin/services/staff-users';
import { can } from '@/lib/platform/auth/permissions';
import { requireActor } from '@/lib/platform/auth/server';

export async function generateMetadata() {
  return { title: (await getTranslations('staffUsers'))('title') };
}

/** 用户与角色: staff accounts and their roles (admins only; the actions refuse everyone else too). */
export default async function StaffUsersPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const actor = await requireActor({ staff: true, next: '/staff/users' });
  if (!can(actor, { action: 'staff.role', role: 'admin' })) return <Forbidden />;
  const t = await getTranslations();
  const f = await getFormatter();
  const sp = await searchParams;
  const q = typeof sp.q === 'string' ? sp.q.trim().slice(0, 64) : '';
  const rows = await listStaff(await getDb(), { q });
  return (
    <Card>
      <CardHeader>
        <h1 className="text-base font-semibold">{t('staffUsers.title')}</h1>
        <p className="text-sm text-muted-foreground">{t('staffUsers.intro')}</p>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <form method="get" role="search" className="flex flex-wrap items-end gap-2">
          <div className="flex min-w-56 flex-col gap-1">
            <Label htmlFor="staff-q">{t('staffUsers.searchLabel')}</Label>
            <Input id="staff-q" name="q" defaultValue={q} className="h-8" />
          </div>
          <Button type="submit" size="sm">
            {t('common.search')}
          </Button>
          {q && (
            <Button asChild size="sm" variant="outline">
              <Link href="/staff/users">{t('common.reset')}</Link>
            </Button>
          )}
          <span className="ml-auto">
            <ExportButton href={`/staff/users/export${q ? `?q=${encodeURIComponent(q)}` : ''}`} fallbackName="staff.xlsx" testId="users-export" />
          </span>
        </form>
        <StaffUsers
          selfId={actor.id}
          rows={rows.map(({ createdAt, ...r }) => ({ ...r, created: f.dateTime(createdAt, 'datetime') }))}
        />
      </CardContent>
    </Card>
  );
}
