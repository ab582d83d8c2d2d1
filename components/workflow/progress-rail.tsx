import { Check } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import type { Application } from '@/db/schema';
import { progressRail } from '@/lib/platform/workflow';
import { cn } from '@/lib/utils';
import { stepLabel } from './labels';

/** The seeds' blue/grey step list, driven by the kind's `steps`; `vertical` for a rail beside a form (seed 001 "页面左侧显示协会审核进度"). */
export async function ProgressRail({ app, orientation = 'horizontal' }: { app: Application; orientation?: 'horizontal' | 'vertical' }) {
  const t = await getTranslations();
  const steps = progressRail(app);
  const vertical = orientation === 'vertical';
  return (
    <nav aria-label={t('workflow.rail.title')}>
      <ol className={vertical ? 'flex flex-col gap-1' : 'flex flex-wrap items-center gap-x-2 gap-y-3'} data-testid="progress-rail">
        {steps.map((s, i) => (
          <li key={s.key} className={cn('flex gap-2', vertical ? 'flex-col items-start' : 'items-center')} data-state={s.state} aria-current={s.state === 'current' ? 'step' : undefined}>
            <span className="flex items-center gap-2">
              <span
                className={cn(
                  'flex h-7 w-7 shrink-0 items-center justify-center rounded-full border text-xs font-semibold',
                  s.state === 'done' && 'border-primary bg-primary text-white',
                  s.state === 'current' && 'border-primary bg-primary-soft text-primary ring-2 ring-primary/30',
                  s.state === 'pending' && 'border-slate-300 bg-white text-slate-500',
                )}
              >
                {s.state === 'done' ? <Check className="h-4 w-4" aria-hidden /> : i + 1}
              </span>
              <span className={cn('text-sm', s.state === 'pending' ? 'text-slate-500' : 'font-medium text-slate-800')}>
                {stepLabel(t, app.kind, s.key)}
                <span className="sr-only">（{t(`workflow.rail.${s.state}`)}）</span>
              </span>
            </span>
            {i < steps.length - 1 && <span aria-hidden className={cn(vertical ? 'ml-3.5 h-5 w-px' : 'mx-1 h-px w-6 sm:w-10', s.state === 'done' ? 'bg-primary' : 'bg-slate-300')} />}
          </li>
        ))}
      </ol>
    </nav>
  );
}
