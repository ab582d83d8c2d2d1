import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ArrowLeft } from 'lucide-react';
import { Forbidden } from '@/components/forbidden';
import { LevelForm } from '@/components/membership/qualification/level-form';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { canManageMembership } from '@/lib/modules/membership/access';
import { toCounts } from '@/lib/modules/membership/qualification/schemas';
import { levelsForStaff } from '@/lib/modules/membership/qualification/services/levels';
import { requireActor } from '@/lib/platform/auth/server';

/** Edits a qualification level (admins and module-B reviewers); the change is audited. */
export default async function EditLevelPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor({ staff: true, next: `/staff/membership/levels/${id}` });
  if (!canManageMembership(actor)) return <Forbidden />;
  const t = await getTranslations('qualification.levels');
  const level = (await levelsForStaff(await getDb(), actor)).find((l) => l.id === id);
  if (!level) notFound();
  const counts = toCounts(level.requirements);
  return (
    <div className="flex flex-col gap-4">
      <Link href="/staff/membership/levels" className="inline-flex items-center gap-1 text-sm text-primary">
        <ArrowLeft className="h-4 w-4" aria-hidden />
        {t('back')}
      </Link>
      <Card>
        <CardHeader>
          <h1 className="text-base font-semibold">{t('editTitle', { name: level.name })}</h1>
        </CardHeader>
        <CardContent>
          <LevelForm
            id={level.id}
            backHref="/staff/membership/levels"
            initial={{
              code: level.code,
              name: level.name,
              rank: String(level.rank),
              validityMonths: String(level.validityMonths),
              description: level.description,
              active: level.active,
              requirements: { senior: String(counts.senior), intermediate: String(counts.intermediate), junior: String(counts.junior) },
              materials: level.materials,
            }}
          />
        </CardContent>
      </Card>
    </div>
  );
}
