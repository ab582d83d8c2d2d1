import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Download, GraduationCap, Pencil, Plus, Search } from 'lucide-react';
import { Forbidden } from '@/components/forbidden';
import { FormAlert } from '@/components/forms/field';
import { RemoveStaffPerson } from '@/components/membership/staff/remove-person';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { canUseRoster } from '@/lib/modules/membership/staff/access';
import { rosterOf } from '@/lib/modules/membership/staff/roster';
import { STAFF_GRADES } from '@/lib/modules/membership/staff-grades';
import { requireActor } from '@/lib/platform/auth/server';
import { findEducationLevel } from '@/lib/reference/education';
import { findIdType } from '@/lib/reference/id-types';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('membershipStaff.roster'))('title') };
}

const gradeTone = { senior: 'primary', intermediate: 'success', junior: 'neutral' } as const;
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** 技术人员: the enterprise's current technical staff (masked ID numbers), with add, edit, remove and the Excel export. */
export default async function StaffRosterPage({ searchParams }: { searchParams: Promise<{ q?: string; added?: string; saved?: string; removed?: string }> }) {
  const actor = await requireActor({ next: '/portal/membership/staff' });
  const t = await getTranslations('membershipStaff');
  const tAll = await getTranslations();
  if (!canUseRoster(actor)) return <Forbidden detail={actor.kind !== 'organization' ? t('roster.notOrganization') : undefined} />;
  const sp = await searchParams;
  const q = typeof sp.q === 'string' ? sp.q.trim().slice(0, 50) : '';
  const db = await getDb();
  const [people, all] = await Promise.all([rosterOf(db, actor, { q }), q ? rosterOf(db, actor) : null]);
  const everyone = all ?? people;
  const day = today();

  return (
    <Card className="max-w-6xl">
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">{t('roster.title')}</h1>
          <p className="text-sm text-muted-foreground">{t('roster.intro')}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button asChild size="sm">
            <Link href="/portal/membership/staff/new">
              <Plus className="h-4 w-4" aria-hidden />
              {t('roster.add')}
            </Link>
          </Button>
          <Button asChild size="sm" variant="outline">
            <Link href="/portal/membership/training">
              <GraduationCap className="h-4 w-4" aria-hidden />
              {t('roster.enroll')}
            </Link>
          </Button>
          {everyone.length > 0 && (
            <Button asChild size="sm" variant="outline">
              <a href="/portal/membership/staff/export" download data-testid="roster-export">
                <Download className="h-4 w-4" aria-hidden />
                {t('roster.export')}
              </a>
            </Button>
          )}
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {sp.added === '1' && <FormAlert tone="success" message={t('roster.added')} />}
        {sp.saved === '1' && <FormAlert tone="success" message={t('roster.saved')} />}
        {sp.removed && <FormAlert tone="success" message={t('roster.removed', { name: sp.removed.slice(0, 50) })} />}

        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="roster-counts">
            <span className="font-medium">{t('roster.total', { count: everyone.length })}</span>
            {STAFF_GRADES.map((g) => (
              <Badge key={g} tone={gradeTone[g]}>
                {t('roster.gradeCount', { grade: tAll(`membership.staffGrades.${g}`), count: everyone.filter((p) => p.grade === g).length })}
              </Badge>
            ))}
          </p>
          <form method="get" className="flex items-center gap-2" role="search">
            <label htmlFor="roster-q" className="sr-only">
              {t('roster.search')}
            </label>
            <Input id="roster-q" name="q" defaultValue={q} placeholder={t('roster.searchPlaceholder')} className="h-8 w-56" />
            <Button type="submit" size="sm" variant="outline">
              <Search className="h-4 w-4" aria-hidden />
              {t('roster.search')}
            </Button>
            {q && (
              <Link href="/portal/membership/staff" className="text-sm text-primary hover:underline">
                {t('roster.clear')}
              </Link>
            )}
          </form>
        </div>

        {people.length === 0 ? (
          <p className="py-8 text-center text-sm text-muted-foreground" data-testid="roster-empty">
            {q ? t('roster.noMatch') : t('roster.empty')}
          </p>
        ) : (
          <Table stack data-testid="roster-table">
            <thead>
              <tr>
                <Th>{t('roster.columns.name')}</Th>
                <Th>{t('roster.columns.idNumber')}</Th>
                <Th>{t('roster.columns.gender')}</Th>
                <Th>{t('roster.columns.birthDate')}</Th>
                <Th>{t('roster.columns.grade')}</Th>
                <Th>{t('roster.columns.titlePosition')}</Th>
                <Th>{t('roster.columns.education')}</Th>
                <Th>{t('roster.columns.certificates')}</Th>
                <Th className="text-right">{t('roster.columns.actions')}</Th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id} data-testid="roster-row">
                  <Td label={t('roster.columns.name')} className="font-medium">
                    <span className="flex items-center gap-2">
                      {p.photoUrl && (
                        // eslint-disable-next-line @next/next/no-img-element -- an authorized, private file
                        <img src={p.photoUrl} alt="" className="h-8 w-6 rounded object-cover" />
                      )}
                      {p.name}
                    </span>
                  </Td>
                  <Td label={t('roster.columns.idNumber')} className="whitespace-nowrap">
                    <span className="font-mono text-xs">{p.idNumberMasked}</span>
                    <span className="block text-xs text-muted-foreground">{findIdType(p.idType)?.label ?? p.idType}</span>
                  </Td>
                  <Td label={t('roster.columns.gender')}>{p.gender ? t(`genders.${p.gender as 'male' | 'female'}`) : ''}</Td>
                  <Td label={t('roster.columns.birthDate')} className="whitespace-nowrap">{p.birthDate ?? ''}</Td>
                  <Td label={t('roster.columns.grade')}>
                    <Badge tone={gradeTone[p.grade]}>{tAll(`membership.staffGrades.${p.grade}`)}</Badge>
                  </Td>
                  <Td label={t('roster.columns.titlePosition')}>
                    {p.title ?? ''}
                    {p.position && <span className="block text-xs text-muted-foreground">{p.position}</span>}
                  </Td>
                  <Td label={t('roster.columns.education')}>{p.education ? (findEducationLevel(p.education)?.name ?? '') : ''}</Td>
                  <Td label={t('roster.columns.certificates')} className="text-xs">
                    {p.certificates.length === 0
                      ? t('roster.noCertificates')
                      : p.certificates.map((c, i) => (
                          <span key={i} className="block">
                            {c.name}
                            {c.validUntil && (
                              <span className={c.validUntil < day ? 'text-danger' : 'text-muted-foreground'}>
                                {' '}
                                · {c.validUntil < day ? t('roster.expired', { date: c.validUntil }) : t('roster.validUntil', { date: c.validUntil })}
                              </span>
                            )}
                          </span>
                        ))}
                  </Td>
                  <Td label={t('roster.columns.actions')} className="whitespace-nowrap text-right">
                    <Button asChild variant="ghost" size="sm">
                      <Link href={`/portal/membership/staff/${p.id}/edit`} aria-label={`${t('roster.edit')} ${p.name}`}>
                        <Pencil className="h-4 w-4" aria-hidden />
                        {t('roster.edit')}
                      </Link>
                    </Button>
                    <RemoveStaffPerson id={p.id} name={p.name} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
