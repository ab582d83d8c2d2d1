import { getTranslations } from 'next-intl/server';
import { Check } from 'lucide-react';
import type { Stage } from '@/lib/modules/review/constants';
import { cn } from '@/lib/utils';

/**
 * 总体流程 (seed 004 §2) as an accessible diagram (HTML and inline SVG, no
 * image): the main path 申请资料 → 预审 → 约请 → 商洽函 → 评审通知 → 现场评审
 * → 评价 → 完成, and after 现场评审 the two branches 整改 (back into 评价) and
 * 确认约请 (a new round, back into 约请). The project's current stage is lit
 * (aria-current="step"); stages it passed are marked done.
 */
const MAIN: Stage[] = ['apply', 'prereview', 'invite', 'letter', 'notice', 'onSite', 'evaluate', 'done'];
const ORDER: Record<Stage, number> = { apply: 0, prereview: 1, invite: 2, reinvite: 2, letter: 3, notice: 4, onSite: 5, rectify: 6, evaluate: 7, done: 8 };

type State = 'done' | 'current' | 'pending';

function stateOf(node: Stage, current: Stage | null, finished: boolean): State {
  if (!current) return 'pending';
  if (node === current) return finished ? 'done' : 'current';
  // A branch is done only when the project is past it through that branch (the current stage says so).
  if (node === 'rectify' || node === 'reinvite') return 'pending';
  return ORDER[node] < ORDER[current] ? 'done' : 'pending';
}

function Node({ label, state, stage, compact }: { label: string; state: State; stage: Stage; compact?: boolean }) {
  return (
    <div
      data-stage={stage}
      data-state={state}
      aria-current={state === 'current' ? 'step' : undefined}
      className={cn(
        'flex items-center justify-center gap-1 rounded-md border text-center font-medium',
        compact ? 'min-w-[4.5rem] px-2 py-1 text-xs' : 'min-w-[5.5rem] px-3 py-2 text-sm',
        state === 'current' && 'border-primary bg-primary text-white shadow-md ring-2 ring-primary/30',
        state === 'done' && 'border-primary/40 bg-primary-soft text-primary',
        state === 'pending' && 'border-slate-300 bg-white text-slate-500',
      )}
    >
      {state === 'done' && <Check className="h-3.5 w-3.5" aria-hidden />}
      {label}
    </div>
  );
}

const Arrow = ({ down }: { down?: boolean }) => (
  <svg aria-hidden viewBox="0 0 24 24" className={cn('h-4 w-4 shrink-0 text-slate-400', down && 'rotate-90')} fill="none" stroke="currentColor" strokeWidth="2">
    <path d="M4 12h15m-5-5 5 5-5 5" />
  </svg>
);

export async function FlowDiagram({ stage, finished = false, compact = false, title }: { stage: Stage | null; finished?: boolean; compact?: boolean; title?: string }) {
  const t = await getTranslations('review');
  const label = (s: Stage) => t(`options.stage.${s}`);
  const node = (s: Stage) => <Node key={s} stage={s} label={label(s)} state={stateOf(s, stage, finished)} compact={compact} />;
  const states = MAIN.map((s) => stateOf(s, stage, finished));
  return (
    <figure className="flex flex-col gap-3" data-testid="flow-diagram" data-current={stage ?? undefined}>
      <figcaption className={cn('font-semibold', compact ? 'sr-only' : 'text-sm')}>{title ?? t('flow.title')}</figcaption>
      <p className="sr-only">
        {stage ? t('flow.currentIs', { stage: label(stage) }) : t('flow.noProject')} {t('flow.description')}
      </p>
      <ol className="flex flex-wrap items-center gap-x-1 gap-y-2" aria-label={t('flow.main')}>
        {MAIN.map((s, i) => (
          <li key={s} className="flex items-center gap-1">
            {node(s)}
            <span className="sr-only">（{t(`flow.states.${states[i]}`)}）</span>
            {i < MAIN.length - 1 && <Arrow />}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-x-6 gap-y-2 pl-2 text-xs text-muted-foreground" aria-label={t('flow.branches')} role="group">
        <div className="flex items-center gap-1">
          <span>{t('flow.afterOnSite')}</span>
          <Arrow />
          {node('rectify')}
          <Arrow />
          <span>{label('evaluate')}</span>
        </div>
        <div className="flex items-center gap-1">
          <span>{t('flow.afterOnSite')}</span>
          <Arrow />
          {node('reinvite')}
          <Arrow />
          <span>{t('flow.newRound')}</span>
        </div>
      </div>
    </figure>
  );
}
