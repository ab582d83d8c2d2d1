import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Download, Plus } from 'lucide-react';
import { Forbidden } from '@/components/forbidden';
import { QualificationSettingsForm } from '@/components/membership/qualification/settings-form';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { canManageMembership } from '@/lib/modules/membership/access';
import { levelsForStaff } from '@/lib/modules/membership/qualification/services/levels';
import { renewalWindowDays } from '@/lib/modules/membership/qualification/status';
import { requireActor } from '@/lib/platform/auth/server';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('qualification.levels'))('title') };
}

/** 资质等级设置: the levels with their staff requirements and required materials (list, Excel export, edit), and when 到期换证 opens. */
export default async function QualificationLevelsPage() {
  const actor = await requireActor({ staff: true, next: '/staff/membership/levels' });
  if (!canManageMembership(actor)) return <Forbidden />;
  const t = await getTranslations('qualification');
  const g = await getTranslations('qualification.gradeAtLeast');
  const db = await getDb();
  const [levels, days] = await Promise.all([levelsForStaff(db, actor), renewalWindowDays(db)]);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h1 className="text-base font-semibold">{t('levels.title')}</h1>
          <p className="max-w-3xl text-sm text-muted-foreground">{t('levels.intro')}</p>
        </div>
        <div className="flex gap-2">
          <Button asChild size="sm" variant="outline">
            <a href="/staff/membership/levels/export" download>
              <Download className="h-4 w-4" aria-hidden />
              {t('levels.export')}
            </a>
          </Button>
          <Button asChild size="sm">
            <Link href="/staff/membership/levels/new">
              <Plus className="h-4 w-4" aria-hidden />
              {t('levels.add')}
            </Link>
          </Button>
        </div>
      </div>
      <Card>
        <CardContent className="py-4">
          {levels.length === 0 ? (
            <p className="py-6 text-center text-sm text-muted-foreground">{t('levels.empty')}</p>
          ) : (
            <Table stack data-testid="levels-table">
              <thead>
                <tr>
                  <Th>{t('levels.rank')}</Th>
                  <Th>{t('levels.code')}</Th>
                  <Th>{t('levels.name')}</Th>
                  <Th>{t('levels.requirements')}</Th>
                  <Th>{t('levels.materials')}</Th>
                  <Th>{t('levels.validity')}</Th>
                  <Th>{t('levels.state')}</Th>
                  <Th>
                    <span className="sr-only">{t('levels.edit')}</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {levels.map((l) => (
                  <tr key={l.id} data-code={l.code}>
                    <Td label={t('levels.rank')} className="tabular-nums">{l.rank}</Td>
                    <Td label={t('levels.code')} className="font-mono text-xs">{l.code}</Td>
                    <Td label={t('levels.name')} className="font-medium">{l.name}</Td>
                    <Td label={t('levels.requirements')}>{l.requirements.length ? l.requirements.map((r) => t('levels.requirement', { grade: g(r.grade), count: r.count })).join('，') : t('levels.none')}</Td>
                    <Td label={t('levels.materials')} className="text-xs">{l.materials.length ? l.materials.map((m) => t(`slots.${m}`)).join('、') : t('levels.none')}</Td>
                    <Td label={t('levels.validity')} className="whitespace-nowrap">{t('levels.months', { months: l.validityMonths })}</Td>
                    <Td label={t('levels.state')}>
                      <Badge tone={l.active ? 'success' : 'neutral'}>{l.active ? t('levels.active') : t('levels.inactive')}</Badge>
                    </Td>
                    <Td>
                      <Link href={`/staff/membership/levels/${l.id}`} className="text-primary hover:underline" aria-label={`${t('levels.edit')} ${l.name}`}>
                        {t('levels.edit')}
                      </Link>
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <h2 className="text-sm font-semibold">{t('levels.settingsTitle')}</h2>
        </CardHeader>
        <CardContent>
          <QualificationSettingsForm renewalWindowDays={days} />
        </CardContent>
      </Card>
    </div>
  );
}
