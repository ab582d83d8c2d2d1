import { and, count, eq, gte, inArray, isNotNull, lt, notInArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { rowsOf } from '@/db/client';
import { applicationEvents, applications, orders, outbox, refunds } from '@/db/schema';
import { audit } from './audit';
import type { Actor } from './auth/actor';
import type { DashboardPanel } from './dashboard-panels';
import { PANEL_ID } from './dashboard-panels';
import { AppError } from './errors';
import { dashboardSections } from './manifest';
import { countWaitingTransfers } from './payments/bank-transfer';
import { FAILED_AT } from './notify/deliveries';
import { canSeePayments } from './payments/queries';
import { staffKinds, staffScope } from './workflow/access';
import { getKind } from './workflow/registry';

/**
 * The staff dashboard's figures (/staff): read models generic over the
 * registered kinds (no module is named here), each within what the staff
 * member may see. Every figure says which list it comes from, so the page can
 * link it to that list with the same filter.
 */

export const DASHBOARD_PERIODS = [7, 30, 90] as const;
export type DashboardPeriod = (typeof DASHBOARD_PERIODS)[number];
export type DashboardFilter = { days: DashboardPeriod; module?: string };

/** How soon a due date counts as "due soon" (and the queue's `due=soon` filter). */
export const DUE_SOON_DAYS = 3;

const DAY = 86_400_000;
const TZ = 'Asia/Shanghai';

export function parseDashboardFilter(sp: Record<string, string | string[] | undefined>): DashboardFilter {
  const one = (k: string) => (typeof sp[k] === 'string' ? (sp[k] as string) : undefined);
  const days = Number(one('days'));
  const mod = one('module');
  return { days: (DASHBOARD_PERIODS as readonly number[]).includes(days) ? (days as DashboardPeriod) : 30, module: mod && /^[a-z]{2,20}$/.test(mod) ? mod : undefined };
}

/** yyyy-mm-dd of an instant in Beijing. */
export const beijingDate = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

function scoped(actor: Actor, f: DashboardFilter): SQL {
  return and(staffScope(actor) ?? sql`false`, f.module ? eq(applications.module, f.module) : undefined)!;
}

export type StateFigure = { kind: string; module: string; status: string; n: number };
export type WeekFigure = { week: string; received: number; decided: number };
export type DeadlineFigure = { kind: string; status: string; waitingFor: string; overdue: number; dueSoon: number };

export type ApplicationFigures = { byState: StateFigure[]; weekly: WeekFigure[]; deadlines: DeadlineFigure[]; modules: string[] };

/** Applications: by state now, received and decided per week of the period, overdue and due soon. */
export async function applicationFigures(db: DbOrTx, actor: Actor, f: DashboardFilter, now: Date): Promise<ApplicationFigures> {
  const kinds = staffKinds(actor).map(getKind);
  const modules = [...new Set(kinds.map((k) => k.module))];
  if (kinds.length === 0) return { byState: [], weekly: [], deadlines: [], modules };
  const where = scoped(actor, f);
  const since = new Date(now.getTime() - f.days * DAY);

  const states = await db
    .select({ kind: applications.kind, module: applications.module, status: applications.status, n: count() })
    .from(applications)
    .where(where)
    .groupBy(applications.kind, applications.module, applications.status);
  const byState = states
    .map((r) => ({ ...r, n: Number(r.n) }))
    .sort((a, b) => a.kind.localeCompare(b.kind) || stateOrder(a.kind, a.status) - stateOrder(b.kind, b.status));

  const week = (col: SQL | typeof applications.submittedAt) => sql<string>`to_char(date_trunc('week', ${col} at time zone ${TZ}), 'YYYY-MM-DD')`;
  const received = await db
    .select({ week: week(applications.submittedAt), n: count() })
    .from(applications)
    .where(and(where, isNotNull(applications.submittedAt), gte(applications.submittedAt, since), lt(applications.submittedAt, now)))
    .groupBy(sql`1`);
  // Decided: a staff member's transition (approve, return, reject …) in the period.
  const decided = await db
    .select({ week: week(sql`${applicationEvents.createdAt}`), n: count() })
    .from(applicationEvents)
    .innerJoin(applications, eq(applications.id, applicationEvents.applicationId))
    .where(and(where, notInArray(applicationEvents.actorRole, ['applicant', 'system']), gte(applicationEvents.createdAt, since), lt(applicationEvents.createdAt, now)))
    .groupBy(sql`1`);
  const weeks = weekStarts(since, now);
  const weekly = weeks.map((w) => ({ week: w, received: Number(received.find((r) => r.week === w)?.n ?? 0), decided: Number(decided.find((r) => r.week === w)?.n ?? 0) }));

  const soon = new Date(now.getTime() + DUE_SOON_DAYS * DAY);
  const due = await db
    .select({
      kind: applications.kind,
      status: applications.status,
      overdue: sql<number>`count(*) filter (where ${applications.dueAt} < ${now.toISOString()}::timestamptz)`,
      dueSoon: sql<number>`count(*) filter (where ${applications.dueAt} >= ${now.toISOString()}::timestamptz and ${applications.dueAt} < ${soon.toISOString()}::timestamptz)`,
    })
    .from(applications)
    .where(and(where, isNotNull(applications.dueAt), lt(applications.dueAt, soon), notInArray(applications.status, finalStates(kinds))))
    .groupBy(applications.kind, applications.status);
  const deadlines = due
    .map((r) => {
      const w = getKind(r.kind).states[r.status]?.waitingFor;
      return { kind: r.kind, status: r.status, waitingFor: w === undefined ? 'staff' : w === 'applicant' ? 'applicant' : w.staff.join(','), overdue: Number(r.overdue), dueSoon: Number(r.dueSoon) };
    })
    .filter((r) => r.overdue + r.dueSoon > 0);
  return { byState, weekly, deadlines, modules };
}

function stateOrder(kind: string, status: string): number {
  return Object.keys(getKind(kind).states).indexOf(status);
}

function finalStates(kinds: ReturnType<typeof getKind>[]): string[] {
  const finals = new Set<string>(['__none__']);
  // A name final in one kind may be live in another: only names final in every kind that has them are excluded in SQL.
  const names = new Set(kinds.flatMap((k) => Object.keys(k.states)));
  for (const n of names) if (kinds.every((k) => !k.states[n] || k.states[n].final)) finals.add(n);
  return [...finals];
}

/** The Monday (Beijing) of each week from `since` to `now`, oldest first. */
export function weekStarts(since: Date, now: Date): string[] {
  const monday = (d: Date) => {
    const local = new Date(`${beijingDate(d)}T00:00:00Z`);
    const dow = (local.getUTCDay() + 6) % 7;
    return new Date(local.getTime() - dow * DAY);
  };
  const out: string[] = [];
  for (let w = monday(since); w.getTime() <= monday(now).getTime(); w = new Date(w.getTime() + 7 * DAY)) out.push(w.toISOString().slice(0, 10));
  return out;
}

export type DayFigure = { day: string; paid: number; paidFen: number; refunded: number; refundedFen: number };
export type FinanceFigures = { daily: DayFigure[]; transfersWaiting: number };

/** Finance (finance and admin only, else null): orders paid and refunds made per day of the period, transfers waiting. */
export async function financeFigures(db: DbOrTx, actor: Actor, f: DashboardFilter, now: Date): Promise<FinanceFigures | null> {
  if (actor.kind !== 'staff' || !canSeePayments(actor)) return null;
  const since = new Date(now.getTime() - f.days * DAY);
  const day = (col: SQL) => sql<string>`to_char(${col} at time zone ${TZ}, 'YYYY-MM-DD')`;
  // Paid per day of the order (the payments list filters orders by their day).
  const paid = await db
    .select({ day: day(sql`${orders.createdAt}`), n: count(), fen: sql<number>`coalesce(sum(${orders.amountFen}), 0)` })
    .from(orders)
    .where(and(inArray(orders.status, ['paid', 'refund_requested', 'refunded']), gte(orders.createdAt, since), lt(orders.createdAt, now))) // every module's orders: finance is not split by module
    .groupBy(sql`1`);
  const refunded = await db
    .select({ day: day(sql`${refunds.updatedAt}`), n: count(), fen: sql<number>`coalesce(sum(${refunds.amountFen}), 0)` })
    .from(refunds)
    .where(and(eq(refunds.status, 'refunded'), gte(refunds.updatedAt, since), lt(refunds.updatedAt, now)))
    .groupBy(sql`1`);
  const days: string[] = [];
  for (let t = since.getTime() + DAY; t <= now.getTime(); t += DAY) days.push(beijingDate(new Date(t)));
  const daily = [...new Set(days)].map((d) => {
    const p = paid.find((r) => r.day === d);
    const r = refunded.find((x) => x.day === d);
    return { day: d, paid: Number(p?.n ?? 0), paidFen: Number(p?.fen ?? 0), refunded: Number(r?.n ?? 0), refundedFen: Number(r?.fen ?? 0) };
  });
  return { daily, transfersWaiting: await countWaitingTransfers(db, actor) };
}

/** The last `days` calendar days in Beijing, oldest first, and the instant the first one began. */
export function beijingDays(days: number, now: Date): { days: string[]; start: Date } {
  const today = new Date(`${beijingDate(now)}T00:00:00+08:00`);
  const start = new Date(today.getTime() - (days - 1) * DAY);
  const out: string[] = [];
  for (let i = 0; i < days; i++) out.push(beijingDate(new Date(start.getTime() + i * DAY)));
  return { days: out, start };
}

/** The channels people are told through (background jobs are outbox rows too, but not notifications). */
export const NOTIFICATION_CHANNELS = ['email', 'sms'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export type NotificationDay = { day: string; queued: number; sent: number; failed: number };
/** The current backlog of one channel: waiting for a first attempt (or being sent now), waiting to be retried after a failure, given up. */
export type NotificationBacklog = { channel: NotificationChannel; waiting: number; retrying: number; dead: number };
export type NotificationFigures = { daily: NotificationDay[]; backlog: NotificationBacklog[] };

/**
 * Notifications (email and SMS through the outbox), for every staff member:
 * per Beijing day of the period the messages queued, sent and failed (given
 * up, counted on the day the worker gave up), and the backlog now. Not split by
 * module (a message does not record one).
 */
export async function notificationFigures(db: DbOrTx, actor: Actor, f: DashboardFilter, now: Date): Promise<NotificationFigures | null> {
  if (actor.kind !== 'staff') return null;
  const { days, start } = beijingDays(f.days, now);
  const from = start.toISOString();
  const to = now.toISOString();
  const channels = inArray(outbox.channel, [...NOTIFICATION_CHANNELS]);
  const day = (col: SQL) => sql<string>`to_char(${col} at time zone ${TZ}, 'YYYY-MM-DD')`;
  const queued = await db
    .select({ day: day(sql`${outbox.createdAt}`), n: count() })
    .from(outbox)
    .where(and(channels, sql`${outbox.createdAt} >= ${from}::timestamptz`, sql`${outbox.createdAt} < ${to}::timestamptz`))
    .groupBy(sql`1`);
  const failed = await db
    .select({ day: day(FAILED_AT), n: count() })
    .from(outbox)
    .where(and(channels, eq(outbox.status, 'dead'), sql`${FAILED_AT} >= ${from}::timestamptz`, sql`${FAILED_AT} < ${to}::timestamptz`))
    .groupBy(sql`1`);
  const sent = await db
    .select({ day: day(sql`${outbox.sentAt}`), n: count() })
    .from(outbox)
    .where(and(channels, eq(outbox.status, 'sent'), sql`${outbox.sentAt} >= ${from}::timestamptz`, sql`${outbox.sentAt} < ${to}::timestamptz`))
    .groupBy(sql`1`);
  const daily = days.map((d) => {
    const q = queued.find((r) => r.day === d);
    return { day: d, queued: Number(q?.n ?? 0), sent: Number(sent.find((r) => r.day === d)?.n ?? 0), failed: Number(failed.find((r) => r.day === d)?.n ?? 0) };
  });
  const now_ = await db
    .select({
      channel: outbox.channel,
      waiting: sql<number>`count(*) filter (where ${outbox.status} = 'processing' or (${outbox.status} = 'pending' and ${outbox.attempts} = 0))`,
      retrying: sql<number>`count(*) filter (where ${outbox.status} = 'pending' and ${outbox.attempts} > 0)`,
      dead: sql<number>`count(*) filter (where ${outbox.status} = 'dead')`,
    })
    .from(outbox)
    .where(and(channels, inArray(outbox.status, ['pending', 'processing', 'dead'])))
    .groupBy(outbox.channel);
  const backlog = NOTIFICATION_CHANNELS.map((channel) => {
    const r = now_.find((x) => x.channel === channel);
    return { channel, waiting: Number(r?.waiting ?? 0), retrying: Number(r?.retrying ?? 0), dead: Number(r?.dead ?? 0) };
  });
  return { daily, backlog };
}

/** How long applications of a kind stayed in a state (stays that ended in the period), against the state's due days. */
export type DurationFigure = { kind: string; module: string; status: string; stays: number; avgDays: number; p90Days: number; dueDays: number | null };

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Average and 90th-percentile time in each state, per kind, from the flow
 * record: a stay begins with the event entering the state and ends with the
 * application's next event; stays that ended in the period count. States
 * hidden from staff (drafts …) and final states are left out. Scoped like
 * the queue; the module filter narrows it.
 */
export async function durationFigures(db: DbOrTx, actor: Actor, f: DashboardFilter, now: Date): Promise<DurationFigure[]> {
  const kinds = staffKinds(actor);
  if (kinds.length === 0) return [];
  const since = new Date(now.getTime() - f.days * DAY);
  const rows = rowsOf<{ kind: string; module: string; status: string; stays: number | string; avg: number | string; p90: number | string }>(
    await db.execute(sql`
      with stays as (
        select ${applications.kind} as kind, ${applications.module} as module, e.to_status as status, e.created_at as entered_at,
               lead(e.created_at) over (partition by e.application_id order by e.created_at, e.id) as left_at
        from ${applicationEvents} e join ${applications} on ${applications.id} = e.application_id
        where ${scoped(actor, f)}
      )
      select kind, module, status, count(*) as stays,
             avg(extract(epoch from left_at - entered_at)) / 86400 as avg,
             percentile_cont(0.9) within group (order by extract(epoch from left_at - entered_at)) / 86400 as p90
      from stays
      where left_at is not null and left_at >= ${since.toISOString()}::timestamptz and left_at < ${now.toISOString()}::timestamptz
      group by kind, module, status`),
  );
  return rows
    .filter((r) => {
      const s = getKind(r.kind).states[r.status];
      return s && !s.hiddenFromStaff && !s.final;
    })
    .map((r) => ({ kind: r.kind, module: r.module, status: r.status, stays: Number(r.stays), avgDays: round2(Number(r.avg)), p90Days: round2(Number(r.p90)), dueDays: getKind(r.kind).states[r.status].due?.days ?? null }))
    .sort((a, b) => a.kind.localeCompare(b.kind) || stateOrder(a.kind, a.status) - stateOrder(b.kind, b.status));
}

export const DASHBOARD_CHARTS = ['states', 'weekly', 'deadlines', 'finance', 'notifications', 'backlog', 'durations'] as const;
export type DashboardChart = (typeof DASHBOARD_CHARTS)[number] | `panel:${string}`;

/** A chart name of the export's query: one of ours, or a module's panel (`panel:<id>`). */
export function isDashboardChart(v: string): v is DashboardChart {
  return (DASHBOARD_CHARTS as readonly string[]).includes(v) || (v.startsWith('panel:') && PANEL_ID.test(v.slice(6)));
}

export type DashboardExport =
  | { chart: 'states'; rows: StateFigure[] }
  | { chart: 'weekly'; rows: WeekFigure[] }
  | { chart: 'deadlines'; rows: DeadlineFigure[] }
  | { chart: 'finance'; rows: DayFigure[] }
  | { chart: 'notifications'; rows: NotificationDay[] }
  | { chart: 'backlog'; rows: NotificationBacklog[] }
  | { chart: 'durations'; rows: DurationFigure[] }
  | { chart: 'panel'; panel: DashboardPanel; rows: DashboardPanel['rows'] };

/**
 * A chart's figures for its Excel export: staff only, the same figures as on
 * screen (same scope and filter; a module's panel with the module's own
 * filters from `params`, labelled with `t`), recorded in the audit log.
 */
export async function dashboardExport(
  db: DbOrTx,
  actor: Actor,
  chart: DashboardChart,
  f: DashboardFilter,
  opts: { now: Date; ip?: string | null; params?: Record<string, string | undefined>; t?: (key: string, values?: Record<string, string | number>) => string },
): Promise<DashboardExport> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  if (!isDashboardChart(chart)) throw new AppError('NOT_FOUND');
  let out: DashboardExport;
  let filters: Record<string, string> | undefined;
  if (chart === 'finance') {
    const fin = await financeFigures(db, actor, f, opts.now);
    if (!fin) throw new AppError('FORBIDDEN');
    out = { chart, rows: fin.daily };
  } else if (chart === 'notifications' || chart === 'backlog') {
    const n = (await notificationFigures(db, actor, f, opts.now))!;
    out = chart === 'notifications' ? { chart, rows: n.daily } : { chart, rows: n.backlog };
  } else if (chart === 'durations') {
    out = { chart, rows: await durationFigures(db, actor, f, opts.now) };
  } else if (chart.startsWith('panel:')) {
    const id = chart.slice(6);
    const sections = await dashboardSections({ db, actor, days: f.days, now: opts.now, params: opts.params ?? {}, t: opts.t ?? ((k) => k) }, f.module);
    const section = sections.find((s) => s.panels.some((p) => p.id === id));
    // A panel the actor is not shown (another module's, or one they may not see) is refused like a chart they may not see.
    if (!section) throw new AppError('FORBIDDEN');
    const panel = section.panels.find((p) => p.id === id)!;
    out = { chart: 'panel', panel, rows: panel.rows };
    filters = Object.fromEntries((section.filters ?? []).filter((x) => x.value).map((x) => [x.name, x.value!]));
  } else {
    const figures = await applicationFigures(db, actor, f, opts.now);
    out = chart === 'states' ? { chart, rows: figures.byState } : chart === 'weekly' ? { chart, rows: figures.weekly } : { chart: 'deadlines', rows: figures.deadlines };
  }
  await audit(db, {
    action: 'dashboard.exported',
    actorId: actor.id,
    targetType: 'dashboard',
    ip: opts.ip ?? null,
    detail: { chart, days: f.days, module: f.module ?? null, ...(filters && Object.keys(filters).length ? { filters } : {}), rows: out.rows.length },
  });
  return out;
}
