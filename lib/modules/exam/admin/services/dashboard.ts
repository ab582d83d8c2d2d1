import { and, asc, desc, eq, gte, inArray, or, sql } from 'drizzle-orm';
import { examAreas, examRegistrations, exams, orders, refunds } from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { Actor } from '@/lib/platform/auth/actor';
import type { DashboardPanelCtx, DashboardSection } from '@/lib/platform/dashboard-panels';
import { canSeePayments } from '@/lib/platform/payments/queries';
import { isUuid } from '@/lib/platform/schemas';
import { EXAM_ORDER } from '../../constants';
import { UNPAID_STATUSES } from '../schemas';
import { canAdministerExams } from './access';

/**
 * Module D's figures on the staff dashboard (issue #17): registrations against
 * capacity per exam area, paid against unpaid registrations, refunds — per
 * exam, for the staff who set up exams (the lists the figures link to are
 * theirs). Which exams: the one chosen, else the published exams whose
 * registration or sitting falls in the period or later (the latest 10).
 */

const DAY = 86_400_000;
const MAX_EXAMS = 10;

export type ExamOption = { id: string; name: string };
/** Seats of one area: its capacity, seats taken (paid and ordered), paid and unpaid registrations that chose it. */
export type ExamAreaFigure = { examId: string; exam: string; areaId: string; area: string; capacity: number; taken: number; paid: number; unpaid: number };
/** Live registrations of one exam: paid, and not paid yet (filling in, or an order waiting for payment). */
export type ExamPayFigure = { examId: string; exam: string; paid: number; unpaid: number };
/** Refunds of one exam's orders: completed (the registration refunded) with their amount, in progress, failed. */
export type ExamRefundFigure = { examId: string; exam: string; refunded: number; refundedFen: number; inProgress: number; failed: number };
export type ExamFigures = { options: ExamOption[]; examId?: string; areas: ExamAreaFigure[]; pay: ExamPayFigure[]; refunds: ExamRefundFigure[] };

/** The exams' figures for this actor, or null when they may not see them (not an exam administrator). */
export async function examFigures(db: DbOrTx, actor: Actor, f: { days: number; examId?: string; now: Date }): Promise<ExamFigures | null> {
  if (!canAdministerExams(actor)) return null;
  const options = await db.select({ id: exams.id, name: exams.name }).from(exams).orderBy(desc(exams.periodStart), asc(exams.name)).limit(100);
  const chosen = f.examId && isUuid(f.examId) && options.some((o) => o.id === f.examId) ? f.examId : undefined;
  const since = new Date(f.now.getTime() - f.days * DAY);
  const sinceDate = new Date(since.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const shown = await db
    .select({ id: exams.id, name: exams.name })
    .from(exams)
    .where(
      chosen
        ? eq(exams.id, chosen)
        : and(eq(exams.status, 'published'), or(gte(exams.registrationClosesAt, sql`${since.toISOString()}::timestamptz`), gte(exams.periodEnd, sinceDate))),
    )
    .orderBy(desc(exams.registrationOpensAt), asc(exams.name))
    .limit(MAX_EXAMS);
  const ids = shown.map((e) => e.id);
  if (ids.length === 0) return { options, examId: chosen, areas: [], pay: [], refunds: [] };
  const nameOf = (id: string) => shown.find((e) => e.id === id)!.name;
  const order = (id: string) => ids.indexOf(id);
  const unpaid = sql.join(UNPAID_STATUSES.map((s) => sql`${s}`), sql`, `);

  const areaRows = await db
    .select({
      examId: examAreas.examId,
      areaId: examAreas.id,
      area: examAreas.name,
      capacity: examAreas.capacity,
      taken: examAreas.taken,
      sortOrder: examAreas.sortOrder,
      paid: sql<number>`count(${examRegistrations.id}) filter (where ${examRegistrations.status} = 'paid')`.mapWith(Number),
      unpaid: sql<number>`count(${examRegistrations.id}) filter (where ${examRegistrations.status} in (${unpaid}))`.mapWith(Number),
    })
    .from(examAreas)
    .leftJoin(examRegistrations, eq(examRegistrations.areaId, examAreas.id))
    .where(inArray(examAreas.examId, ids))
    .groupBy(examAreas.id);
  const areas = areaRows
    .sort((a, b) => order(a.examId) - order(b.examId) || a.sortOrder - b.sortOrder || a.area.localeCompare(b.area))
    .map((r) => ({ examId: r.examId, exam: nameOf(r.examId), areaId: r.areaId, area: r.area, capacity: r.capacity, taken: r.taken, paid: r.paid, unpaid: r.unpaid }));

  const payRows = await db
    .select({
      examId: examRegistrations.examId,
      paid: sql<number>`count(*) filter (where ${examRegistrations.status} = 'paid')`.mapWith(Number),
      unpaid: sql<number>`count(*) filter (where ${examRegistrations.status} in (${unpaid}))`.mapWith(Number),
      refunded: sql<number>`count(*) filter (where ${examRegistrations.status} = 'refunded')`.mapWith(Number),
    })
    .from(examRegistrations)
    .where(inArray(examRegistrations.examId, ids))
    .groupBy(examRegistrations.examId);
  const refundRows = await db
    .select({
      examId: examRegistrations.examId,
      refundedFen: sql<number>`coalesce(sum(${refunds.amountFen}) filter (where ${refunds.status} = 'refunded'), 0)`.mapWith(Number),
      inProgress: sql<number>`count(*) filter (where ${refunds.status} in ('requested', 'processing'))`.mapWith(Number),
      failed: sql<number>`count(*) filter (where ${refunds.status} = 'failed')`.mapWith(Number),
    })
    .from(refunds)
    .innerJoin(orders, eq(orders.id, refunds.orderId))
    .innerJoin(examRegistrations, sql`${examRegistrations.id}::text = ${orders.subjectId}`)
    .where(and(eq(orders.subjectType, EXAM_ORDER), inArray(examRegistrations.examId, ids)))
    .groupBy(examRegistrations.examId);

  const pay = shown.map((e) => {
    const p = payRows.find((r) => r.examId === e.id);
    return { examId: e.id, exam: e.name, paid: p?.paid ?? 0, unpaid: p?.unpaid ?? 0 };
  });
  const refundFigures = shown.map((e) => {
    const p = payRows.find((r) => r.examId === e.id);
    const r = refundRows.find((x) => x.examId === e.id);
    return { examId: e.id, exam: e.name, refunded: p?.refunded ?? 0, refundedFen: r?.refundedFen ?? 0, inProgress: r?.inProgress ?? 0, failed: r?.failed ?? 0 };
  });
  return { options, examId: chosen, areas, pay, refunds: refundFigures };
}

/** The manifest's dashboard contribution: the figures above as panels, each figure linked to the list behind it. */
export async function examDashboardPanels(ctx: DashboardPanelCtx): Promise<DashboardSection | null> {
  const figures = await examFigures(ctx.db, ctx.actor, { days: ctx.days, examId: ctx.params.exam, now: ctx.now });
  if (!figures) return null;
  const t = (k: string, v?: Record<string, string | number>) => ctx.t(`console.dashboard.exam.${k}`, v);
  const list = (examId: string, q: Record<string, string>) => `/staff/exams/${examId}/registrations?${new URLSearchParams(q).toString()}`;
  const several = new Set(figures.areas.map((a) => a.examId)).size > 1;
  const payments = canSeePayments(ctx.actor);
  return {
    title: t('section'),
    filters: [{ name: 'exam', label: t('filter'), allLabel: t('allExams'), value: figures.examId, options: figures.options.map((o) => ({ value: o.id, label: o.name })) }],
    panels: [
      {
        id: 'exam-areas',
        title: t('areas.title'),
        description: t('areas.desc'),
        category: t('areas.category'),
        series: [
          { key: 'paid', label: t('paid'), color: 'second' },
          { key: 'unpaid', label: t('unpaid'), color: 'warning' },
          { key: 'capacity', label: t('areas.capacity'), color: 'danger', draw: 'mark' },
          { key: 'free', label: t('areas.free'), draw: 'table' },
        ],
        stacked: true,
        rows: figures.areas.map((a) => ({
          label: several ? `${a.exam} · ${a.area}` : a.area,
          values: { paid: a.paid, unpaid: a.unpaid, capacity: a.capacity, free: a.capacity - a.taken },
          links: { paid: list(a.examId, { area: a.areaId, pay: 'paid' }), unpaid: list(a.examId, { area: a.areaId, pay: 'unpaid' }), capacity: `/staff/exams/${a.examId}` },
        })),
      },
      {
        id: 'exam-pay',
        title: t('pay.title'),
        description: t('pay.desc'),
        category: t('exam'),
        series: [
          { key: 'paid', label: t('paid'), color: 'second' },
          { key: 'unpaid', label: t('unpaid'), color: 'warning' },
        ],
        rows: figures.pay.map((p) => ({
          label: p.exam,
          values: { paid: p.paid, unpaid: p.unpaid },
          links: { paid: list(p.examId, { pay: 'paid' }), unpaid: list(p.examId, { pay: 'unpaid' }) },
        })),
      },
      {
        id: 'exam-refunds',
        title: t('refunds.title'),
        description: t('refunds.desc'),
        category: t('exam'),
        series: [
          { key: 'refunded', label: t('refunds.refunded'), color: 'second' },
          { key: 'inProgress', label: t('refunds.inProgress'), color: 'primary' },
          { key: 'failed', label: t('refunds.failed'), color: 'danger' },
          { key: 'refundedFen', label: t('refunds.amount'), format: 'fen', draw: 'table' },
        ],
        rows: figures.refunds.map((r) => ({
          label: r.exam,
          values: { refunded: r.refunded, inProgress: r.inProgress, failed: r.failed, refundedFen: r.refundedFen },
          links: {
            refunded: list(r.examId, { status: 'refunded' }),
            inProgress: payments ? '/staff/payments?refund=requested' : undefined,
            failed: payments ? '/staff/payments?refund=failed' : undefined,
          },
        })),
      },
    ],
  };
}
