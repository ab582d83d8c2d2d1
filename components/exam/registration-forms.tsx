'use client';
import * as React from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { FormAlert } from '@/components/forms/field';
import { TickToProceed } from '@/components/forms/tick-to-proceed';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { acceptNoticeAction } from '@/lib/modules/exam/registration/actions/accept-notice';
import { changeAreaAction } from '@/lib/modules/exam/registration/actions/change-area';
import { chooseAreaAction } from '@/lib/modules/exam/registration/actions/choose-area';
import { chooseSubjectsAction } from '@/lib/modules/exam/registration/actions/choose-subjects';
import { formatFen } from '@/lib/modules/exam/money';
import { cn } from '@/lib/utils';

/** ¥ from integer fen (the one formatter, without floating point). */
export const yuan = formatFen;

/** The candidate notice with the undertaking tick (seed 003). */
export function NoticeAcceptance({ examId }: { examId: string }) {
  const t = useTranslations('exam.process');
  const router = useRouter();
  return (
    <TickToProceed
      tickLabel={t('noticeAccept')}
      buttonLabel={t('noticeButton')}
      requiredMessage={t('noticeRequired')}
      onProceed={async () => {
        const r = await acceptNoticeAction({ examId });
        if (!r.ok) return r.message;
        router.push(`/portal/exam/${examId}/info`);
      }}
    />
  );
}

/** Why a form is read-only now (an order exists, paid, registration closed), with the way onward. */
export function FrozenNotice({ reason, link }: { reason: string; link?: { href: string; label: string } }) {
  return (
    <div role="status" className="flex flex-wrap items-center gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 sm:col-span-2" data-testid="frozen-reason">
      <span>{reason}</span>
      {link && (
        <Link href={link.href} className="font-medium text-primary hover:underline">
          {link.label}
        </Link>
      )}
    </div>
  );
}

export type Frozen = { reason: string; link?: { href: string; label: string } };

type Session = { id: string; name: string; subjects: Array<{ id: string; code: string; name: string; feeFen: number }> };

export function SubjectsForm({ examId, registrationId, sessions, chosen, frozen }: { examId: string; registrationId: string; sessions: Session[]; chosen: string[]; /** Read-only, with the reason. */ frozen?: Frozen }) {
  const t = useTranslations('exam.subjects');
  const router = useRouter();
  const [pick, setPick] = React.useState<Record<string, string>>(() => Object.fromEntries(sessions.map((s) => [s.id, s.subjects.find((x) => chosen.includes(x.id))?.id ?? ''])));
  const [error, setError] = React.useState<string>();
  const [pending, start] = React.useTransition();
  const total = sessions.reduce((n, s) => n + (s.subjects.find((x) => x.id === pick[s.id])?.feeFen ?? 0), 0);
  return (
    <form
      method="post"
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await chooseSubjectsAction({ registrationId, subjectIds: Object.values(pick).filter(Boolean) });
          if (!r.ok) setError(r.fieldErrors?.subjectIds?.[0] ?? r.message);
          else router.push(`/portal/exam/${examId}?saved=subjects`);
        });
      }}
    >
      {frozen && <FrozenNotice {...frozen} />}
      <p className="text-sm text-muted-foreground">{t('hint')}</p>
      {sessions.map((s) => (
        <fieldset key={s.id} className="rounded-md border border-slate-200 p-3" disabled={Boolean(frozen)}>
          <legend className="px-1 text-sm font-semibold">{s.name}</legend>
          <div className="flex flex-col gap-2 text-sm">
            {s.subjects.map((x) => (
              <label key={x.id} className="flex items-center justify-between gap-2">
                <span className="flex items-center gap-2">
                  <input type="radio" name={`session-${s.id}`} checked={pick[s.id] === x.id} onChange={() => setPick((p) => ({ ...p, [s.id]: x.id }))} />
                  {x.code} {x.name}
                </span>
                <span className="tabular-nums">{yuan(x.feeFen)}</span>
              </label>
            ))}
            <label className="flex items-center gap-2 text-muted-foreground">
              <input type="radio" name={`session-${s.id}`} checked={!pick[s.id]} onChange={() => setPick((p) => ({ ...p, [s.id]: '' }))} />
              {t('none')}
            </label>
          </div>
        </fieldset>
      ))}
      <p className="text-base font-semibold" data-testid="subjects-total">
        {t('total', { amount: yuan(total) })}
      </p>
      {!frozen && (
        <>
          <FormAlert message={error} />
          <div>
            <HydratedButton type="submit" disabled={pending}>
              {t('save')}
            </HydratedButton>
          </div>
        </>
      )}
    </form>
  );
}

export function AreaForm({ examId, registrationId, areas, chosen, change, frozen }: { examId: string; registrationId: string; areas: Array<{ id: string; name: string; remaining: number }>; chosen: string | null; /** After payment: 更换考点城市. */ change?: boolean; /** Read-only, with the reason. */ frozen?: Frozen }) {
  const t = useTranslations('exam.area');
  const router = useRouter();
  const [pick, setPick] = React.useState(chosen ?? '');
  const [error, setError] = React.useState<string>();
  const [pending, start] = React.useTransition();
  return (
    <form
      method="post"
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = change ? await changeAreaAction({ registrationId, areaId: pick }) : await chooseAreaAction({ registrationId, areaId: pick });
          if (!r.ok) setError(r.fieldErrors?.areaId?.[0] ?? r.message);
          else router.push(change ? `/portal/exam/${examId}/pay?changed=area` : `/portal/exam/${examId}?saved=area`);
        });
      }}
    >
      {frozen && <FrozenNotice {...frozen} />}
      <fieldset className="grid gap-2 sm:grid-cols-2" disabled={Boolean(frozen)}>
        {areas.map((a) => (
          <label key={a.id} className={cn('flex items-center justify-between rounded-md border p-3 text-sm', pick === a.id ? 'border-primary bg-primary-soft/40' : 'border-slate-200', a.remaining <= 0 && 'opacity-60')}>
            <span className="flex items-center gap-2">
              <input type="radio" name="area" value={a.id} checked={pick === a.id} disabled={a.remaining <= 0 && a.id !== chosen} onChange={() => setPick(a.id)} />
              {a.name}
            </span>
            <span className="text-xs text-muted-foreground">{a.remaining > 0 ? t('remaining', { n: a.remaining }) : t('full')}</span>
          </label>
        ))}
      </fieldset>
      {!frozen && (
        <>
          <FormAlert message={error} />
          <div>
            <HydratedButton type="submit" disabled={pending || !pick || (change && pick === chosen)}>
              {change ? t('change') : t('save')}
            </HydratedButton>
          </div>
        </>
      )}
    </form>
  );
}
