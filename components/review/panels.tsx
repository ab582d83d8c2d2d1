import type { ReactNode } from 'react';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { Table, Td, Th } from '@/components/ui/table';
import type { ProjectFile, ProjectView, RoundView } from '@/lib/modules/review/queries';
import { cn } from '@/lib/utils';

/**
 * The operations page's tab panels (申请资料, 约请, 商洽函, 评审通知, 现场评审,
 * 单位整改, 评审评价): what each round holds, read-only, with `actions` — the
 * step the viewer may take now — put in by the page (unit or staff).
 */

type T = Awaited<ReturnType<typeof getTranslations<'review'>>>;

const TONES = { pending: 'warning', approved: 'success', rejected: 'danger', submitted: 'warning', accepted: 'success', returned: 'danger' } as const;

export async function FileList({ files, slots, empty }: { files: ProjectFile[]; slots: readonly string[]; empty?: string }) {
  const t = await getTranslations('review');
  const f = await getFormatter();
  const rows = files.filter((d) => slots.includes(d.slot));
  if (rows.length === 0) return empty ? <p className="text-sm text-muted-foreground">{empty}</p> : null;
  return (
    <ul className="flex flex-col gap-1 text-sm" data-testid={`files-${slots.join('-')}`}>
      {rows.map((d) => (
        <li key={d.id} className={cn('flex flex-wrap items-center gap-2', d.status !== 'current' && 'text-muted-foreground')}>
          <span className="text-xs text-muted-foreground">{t(`kind.slots.${d.slot}` as never)}</span>
          <a className="text-primary hover:underline" href={`/api/files/${d.id}`} target="_blank" rel="noopener">
            {d.fileName}
          </a>
          <span className="text-xs text-muted-foreground">
            {Math.max(1, Math.round(d.size / 1024))} KB · {f.dateTime(d.createdAt, 'datetime')}
            {d.round > 0 && ` · ${t('project.roundShort', { round: d.round })}`}
          </span>
          {d.status !== 'current' && <Badge>{t('project.earlierVersion')}</Badge>}
        </li>
      ))}
    </ul>
  );
}

function RoundHeading({ t, round, total }: { t: T; round: RoundView; total: number }) {
  if (total <= 1) return null;
  return (
    <h3 className="text-sm font-semibold" data-testid={`round-${round.number}`}>
      {round.number === 1 ? t('project.roundFirst') : t('project.roundN', { round: round.number })}
    </h3>
  );
}

const Section = ({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) => (
  <section className="flex flex-col gap-3" data-testid={testId}>
    <h2 className="border-l-4 border-primary pl-2 text-sm font-semibold">{title}</h2>
    {children}
  </section>
);

export async function InvitationPanel({ view, actions }: { view: ProjectView; actions?: ReactNode }) {
  const t = await getTranslations('review');
  const f = await getFormatter();
  const rounds = view.rounds.filter((r) => r.invitations.length);
  return (
    <Section title={t('tabs.invitation')} testId="panel-invitation">
      {actions}
      {rounds.length === 0 && !actions && <p className="text-sm text-muted-foreground">{view.rounds.length ? t('invitation.none') : t('invitation.afterPrereview')}</p>}
      {[...rounds].reverse().map((r) => (
        <div key={r.id} className="flex flex-col gap-2">
          <RoundHeading t={t} round={r} total={view.rounds.length} />
          <Table stack data-testid="invitations">
            <thead>
              <tr>
                <Th>{t('invitation.expectedDate')}</Th>
                <Th>{t('invitation.note')}</Th>
                <Th>{t('invitation.sentAt')}</Th>
                <Th>{t('invitation.status')}</Th>
                <Th>{t('invitation.opinion')}</Th>
              </tr>
            </thead>
            <tbody>
              {[...r.invitations].reverse().map((i) => (
                <tr key={i.id}>
                  <Td label={t('invitation.expectedDate')} className="tabular-nums">{i.expectedDate}</Td>
                  <Td label={t('invitation.note')} className="whitespace-pre-wrap">{i.note || '—'}</Td>
                  <Td label={t('invitation.sentAt')} className="tabular-nums">{f.dateTime(i.createdAt, 'datetime')}</Td>
                  <Td label={t('invitation.status')}>
                    <Badge tone={TONES[i.status as keyof typeof TONES]}>{t(`options.invitationStatus.${i.status}` as never)}</Badge>
                  </Td>
                  <Td label={t('invitation.opinion')} className="whitespace-pre-wrap">{i.opinion || '—'}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      ))}
    </Section>
  );
}

export async function LetterPanel({ view, actions }: { view: ProjectView; actions?: ReactNode }) {
  const t = await getTranslations('review');
  const f = await getFormatter();
  const withLetter = view.rounds.filter((r) => r.invitations.some((i) => i.status === 'approved'));
  return (
    <Section title={t('tabs.letter')} testId="panel-letter">
      {withLetter.length === 0 && <p className="text-sm text-muted-foreground">{t('letter.afterApproval')}</p>}
      {[...withLetter].reverse().map((r) => (
        <div key={r.id} className="flex flex-col gap-2">
          <RoundHeading t={t} round={r} total={view.rounds.length} />
          <p className="flex flex-wrap gap-4 text-sm">
            <a className="text-primary hover:underline" href={`/api/review/projects/${view.app.id}/letter?round=${r.number}`} target="_blank" rel="noopener" data-testid="letter-preview">
              {t('letter.preview')}
            </a>
            <a className="text-primary hover:underline" href={`/api/review/projects/${view.app.id}/letter?round=${r.number}&download=1`} download>
              {t('letter.download')}
            </a>
          </p>
          {r.letter ? (
            <p className="text-sm" data-testid="letter-submitted">
              {t('letter.submittedAt', { at: f.dateTime(r.letter.submittedAt, 'datetime') })}
              {' · '}
              <a className="text-primary hover:underline" href={`/api/files/${r.letter.documentId}`} target="_blank" rel="noopener">
                {t('letter.scan')}
              </a>
            </p>
          ) : null}
        </div>
      ))}
      {actions}
    </Section>
  );
}

export async function NoticePanel({ view, actions }: { view: ProjectView; actions?: ReactNode }) {
  const t = await getTranslations('review');
  const f = await getFormatter();
  const withNotice = view.rounds.filter((r) => r.notice);
  return (
    <Section title={t('tabs.notice')} testId="panel-notice">
      {actions}
      {withNotice.length === 0 && !actions && <p className="text-sm text-muted-foreground">{t('notice.none')}</p>}
      {[...withNotice].reverse().map((r) => {
        const n = r.notice!;
        return (
          <div key={r.id} className="flex flex-col gap-2">
            <RoundHeading t={t} round={r} total={view.rounds.length} />
            <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
              <div>
                <dt className="text-xs text-muted-foreground">{t('notice.dates')}</dt>
                <dd className="tabular-nums" data-testid="notice-dates">
                  {n.startDate} — {n.endDate}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-muted-foreground">{t('notice.location')}</dt>
                <dd>{n.location || '—'}</dd>
              </div>
              <div>
                <dt className="text-xs text-muted-foreground">{t('notice.issuedAt')}</dt>
                <dd className="tabular-nums">{f.dateTime(n.issuedAt, 'datetime')}</dd>
              </div>
              <div className="sm:col-span-3">
                <dt className="text-xs text-muted-foreground">{t('notice.team')}</dt>
                <dd data-testid="notice-team">
                  {n.team.map((m) => `${m.name}（${t(`options.teamRole.${m.role}` as never)}）`).join('、')}
                </dd>
              </div>
              {n.note && (
                <div className="sm:col-span-3">
                  <dt className="text-xs text-muted-foreground">{t('notice.note')}</dt>
                  <dd className="whitespace-pre-wrap">{n.note}</dd>
                </div>
              )}
            </dl>
            <p className="flex flex-wrap items-center gap-4 text-sm">
              <a className="text-primary hover:underline" href={`/api/review/projects/${view.app.id}/notice?round=${r.number}`} target="_blank" rel="noopener" data-testid="notice-view">
                {t('notice.view')}
              </a>
              {n.confirmedAt ? (
                <Badge tone="success" data-testid="notice-confirmed">
                  {t('notice.confirmedAt', { at: f.dateTime(n.confirmedAt, 'datetime') })}
                </Badge>
              ) : (
                <Badge tone="warning">{t('notice.unconfirmed')}</Badge>
              )}
            </p>
          </div>
        );
      })}
    </Section>
  );
}

export async function OnSitePanel({ view, actions }: { view: ProjectView; actions?: ReactNode }) {
  const t = await getTranslations('review');
  const f = await getFormatter();
  const rounds = view.rounds.filter((r) => r.notice);
  return (
    <Section title={t('tabs.onSite')} testId="panel-onsite">
      {actions}
      {rounds.length === 0 && !actions && <p className="text-sm text-muted-foreground">{t('onSite.none')}</p>}
      {[...rounds].reverse().map((r) => (
        <div key={r.id} className="flex flex-col gap-2">
          <RoundHeading t={t} round={r} total={view.rounds.length} />
          <p className="text-sm">
            {t('onSite.leader')}：{r.notice!.team.find((m) => m.role === 'leader')?.name ?? '—'}
          </p>
          <FileList files={view.files.filter((d) => d.round === r.number)} slots={['onsite_materials']} empty={t('onSite.noMaterials')} />
          {r.conclusion ? (
            <div className="rounded-md border border-border p-3 text-sm" data-testid="conclusion">
              <p className="font-medium">
                {t('onSite.conclusion')}：<span data-testid="conclusion-outcome">{t(`options.conclusion.${r.conclusion.outcome}` as never)}</span>
                <span className="ml-2 text-xs text-muted-foreground">{f.dateTime(r.conclusion.createdAt, 'datetime')}</span>
              </p>
              <p className="mt-1 whitespace-pre-wrap">{r.conclusion.remarks}</p>
            </div>
          ) : (
            <p className="text-sm text-muted-foreground">{t('onSite.waiting')}</p>
          )}
        </div>
      ))}
    </Section>
  );
}

export async function RectificationPanel({ view, actions }: { view: ProjectView; actions?: ReactNode }) {
  const t = await getTranslations('review');
  const f = await getFormatter();
  const rounds = view.rounds.filter((r) => r.conclusion?.outcome === 'rectify');
  return (
    <Section title={t('tabs.rectification')} testId="panel-rectification">
      {actions}
      {rounds.length === 0 && !actions && <p className="text-sm text-muted-foreground">{t('rectification.none')}</p>}
      {[...rounds].reverse().map((r) => (
        <div key={r.id} className="flex flex-col gap-2">
          <RoundHeading t={t} round={r} total={view.rounds.length} />
          <FileList files={view.files.filter((d) => d.round === r.number)} slots={['rectification']} />
          {r.rectifications.length > 0 && (
            <Table stack data-testid="rectifications">
              <thead>
                <tr>
                  <Th>{t('rectification.submittedAt')}</Th>
                  <Th>{t('rectification.note')}</Th>
                  <Th>{t('rectification.status')}</Th>
                  <Th>{t('rectification.opinion')}</Th>
                </tr>
              </thead>
              <tbody>
                {[...r.rectifications].reverse().map((x) => (
                  <tr key={x.id}>
                    <Td label={t('rectification.submittedAt')} className="tabular-nums">{f.dateTime(x.submittedAt, 'datetime')}</Td>
                    <Td label={t('rectification.note')} className="whitespace-pre-wrap">{x.note || '—'}</Td>
                    <Td label={t('rectification.status')}>
                      <Badge tone={TONES[x.status as keyof typeof TONES]}>{t(`options.rectificationStatus.${x.status}` as never)}</Badge>
                    </Td>
                    <Td label={t('rectification.opinion')} className="whitespace-pre-wrap">{x.opinion || '—'}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </div>
      ))}
    </Section>
  );
}

export async function EvaluationPanel({ view, actions }: { view: ProjectView; actions?: ReactNode }) {
  const t = await getTranslations('review');
  const f = await getFormatter();
  const done = view.rounds.filter((r) => r.evaluation);
  return (
    <Section title={t('tabs.evaluation')} testId="panel-evaluation">
      {actions}
      {done.length === 0 && !actions && <p className="text-sm text-muted-foreground">{t('evaluation.none')}</p>}
      {[...done].reverse().map((r) => {
        const e = r.evaluation!;
        const avg = e.scores.length ? e.scores.reduce((a, s) => a + s.score, 0) / e.scores.length : 0;
        return (
          <div key={r.id} className="flex flex-col gap-2" data-testid="evaluation-result">
            <h3 className="text-sm font-semibold">
              {view.rounds.length > 1 ? t('project.roundN', { round: r.number }) : t('evaluation.result')}
              <span className="ml-2 text-xs font-normal text-muted-foreground">{f.dateTime(e.createdAt, 'datetime')}</span>
            </h3>
            <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-5">
              {e.scores.map((s) => (
                <div key={s.criterion}>
                  <dt className="text-xs text-muted-foreground">{s.label}</dt>
                  <dd className="tabular-nums">{t('evaluation.points', { score: s.score })}</dd>
                </div>
              ))}
            </dl>
            <p className="text-sm">{t('evaluation.average', { average: avg.toFixed(2) })}</p>
            {e.comment && <p className="whitespace-pre-wrap text-sm">{e.comment}</p>}
          </div>
        );
      })}
    </Section>
  );
}
