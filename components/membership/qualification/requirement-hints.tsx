'use client';
import { useTranslations } from 'next-intl';
import { CircleAlert, CircleCheck } from 'lucide-react';
import { checkRequirements, type StaffGrade, type StaffRequirement } from '@/lib/modules/membership/staff-grades';
import { cn } from '@/lib/utils';

/**
 * The seed's yellow hints (黄色文字提示): how many technical staff of which
 * grade the chosen level requires and how many are already added — live, as
 * people are added or removed (a higher grade counts for a lower one).
 */
export function RequirementHints({ level, grades }: { level: { name: string; requirements: StaffRequirement[] } | null; grades: StaffGrade[] }) {
  const t = useTranslations('qualification');
  if (!level) return <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-700">{t('form.chooseLevelFirst')}</p>;
  const checks = checkRequirements(level.requirements, grades);
  return (
    <div className="flex flex-col gap-1 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-700" data-testid="staff-requirement-hints" aria-live="polite">
      {checks.length === 0 && <p>{t('form.noRequirement', { level: level.name })}</p>}
      {checks.map((c) => (
        <p key={c.grade} className={cn('flex items-center gap-1.5', c.met && 'text-green-700')} data-met={c.met}>
          {c.met ? <CircleCheck className="h-4 w-4 shrink-0" aria-hidden /> : <CircleAlert className="h-4 w-4 shrink-0" aria-hidden />}
          <span>
            {t('form.hint', { level: level.name, grade: t(`gradeAtLeast.${c.grade}`), required: c.required, have: c.have })}
            {c.met ? t('form.hintMet') : t('form.hintShort', { missing: c.required - c.have })}
          </span>
        </p>
      ))}
      <p className="text-xs text-amber-800">{t('form.added', { count: grades.length })}</p>
    </div>
  );
}
