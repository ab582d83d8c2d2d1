import { Check } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import type { Application } from '@/db/schema';
import { progressRail } from '@/lib/platform/workflow';
import { cn } from '@/lib/utils';
import { stepLabel } from './labels';

/** The seeds' blue/grey step list, driven by the kind's `steps`. */
export async function ProgressRail({ app }: { app: Application }) {
  const t = await getTranslations();
  const steps = progressRail(app);
  return (
    <nav aria-label={t('workflow.rail.title')}>
      <ol className="flex flex-wrap items-center gap-x-2 gap-y-3" data-testid="progress-rail">
        {steps.map((s, i) => (
          <li key={s.key} className="flex items-center gap-2" data-state={s.state} aria-current={s.state === 'current' ? 'step' : undefined}>
            <span
              className={cn(
                'flex h-7 w-7 shrink-0 items-center justify-center rounded-full border text-xs font-semibold',
                s.state === 'done' && 'border-primary bg-primary text-white',
                s.state === 'current' && 'border-primary bg-primary-soft text-primary ring-2 ring-primary/30',
                s.state === 'pending' && 'border-slate-300 bg-white text-slate-400',
              )}
            >
              {s.state === 'done' ? <Check className="h-4 w-4" aria-hidden /> : i + 1}
            </span>
            <span className={cn('text-sm', s.state === 'pending' ? 'text-slate-400' : 'font-medium text-slate-800')}>
              {stepLabel(t, app.kind, s.key)}
              <span className="sr-only">（{t(`workflow.rail.${s.state}`)}）</span>
            </span>
            {i < steps.length - 1 && <span aria-hidden className={cn('mx-1 h-px w-6 sm:w-10', s.state === 'done' ? 'bg-primary' : 'bg-slate-300')} />}
          </li>
        ))}
      </ol>
    </nav>
  );
}
