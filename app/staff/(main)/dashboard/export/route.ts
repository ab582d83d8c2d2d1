import { NextResponse } from 'next/server';
import { createTranslator } from 'next-intl';
import { z } from 'zod';
import { messagesFor } from '@/messages/catalog';
import {
  dashboardExport,
  isDashboardChart,
  parseDashboardFilter,
  type DayFigure,
  type DeadlineFigure,
  type DurationFigure,
  type NotificationBacklog,
  type NotificationDay,
  type StateFigure,
  type WeekFigure,
} from '@/lib/platform/dashboard';
import type { PanelRow } from '@/lib/platform/dashboard-panels';
import { defineRoute } from '@/lib/platform/http/route';
import { fenToYuan } from '@/lib/platform/payments/money';
import { contentDisposition } from '@/lib/platform/pdf/http';
import { kindMessageKey } from '@/lib/platform/workflow';
import { listWorkbook, type SheetColumn } from '@/lib/platform/xlsx';

export const dynamic = 'force-dynamic';

/**
 * GET /staff/dashboard/export?chart=states|weekly|deadlines|finance|notifications|backlog|durations|panel:<id>&days=&module=&<a module's panel filters>:
 * one dashboard chart's figures as .xlsx (the same scope and filter as on
 * screen), recorded in the audit log.
 */
export const GET = defineRoute({
  access: { kind: 'staff', roles: 'any' },
  errorBody: 'text',
  // The module panels' own filters (an exam …) pass through as strings; each module validates its own.
  query: z.object({ chart: z.string().refine(isDashboardChart), days: z.string().optional(), module: z.string().optional() }).catchall(z.string().max(100)),
  handler: async ({ db, actor, query, locale, now, ip }) => {
    const f = parseDashboardFilter(query);
    const all = createTranslator({ locale, messages: messagesFor(locale) });
    const { chart, ...params } = query;
    const out = await dashboardExport(db, actor, chart as Parameters<typeof dashboardExport>[2], f, {
      now: now(),
      ip,
      params: params as Record<string, string | undefined>,
      t: (key, values) => all(key as never, values as never),
    });
    const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'console.dashboard' });
    const label = (key: string, fallback: string) => (all.has(key as never) ? all(key as never) : fallback);
    const kind = (k: string) => label(kindMessageKey(k, 'name'), k);
    const state = (k: string, s: string) => label(kindMessageKey(k, `states.${s}`), s);
    const c = (k: string) => t(`columns.${k}` as never);
    let body: Buffer;
    if (out.chart === 'states') {
      const cols: SheetColumn<StateFigure>[] = [
        { header: c('kind'), width: 24, value: (r) => kind(r.kind) },
        { header: c('module'), width: 14, value: (r) => label(`modules.${r.module}.name`, r.module) },
        { header: c('status'), width: 16, value: (r) => state(r.kind, r.status) },
        { header: c('count'), width: 10, value: (r) => r.n },
      ];
      body = await listWorkbook(t('sheet.states'), cols, out.rows);
    } else if (out.chart === 'weekly') {
      const cols: SheetColumn<WeekFigure>[] = [
        { header: c('week'), width: 14, value: (r) => r.week },
        { header: c('received'), width: 10, value: (r) => r.received },
        { header: c('decided'), width: 10, value: (r) => r.decided },
      ];
      body = await listWorkbook(t('sheet.weekly'), cols, out.rows);
    } else if (out.chart === 'deadlines') {
      const cols: SheetColumn<DeadlineFigure>[] = [
        { header: c('kind'), width: 24, value: (r) => kind(r.kind) },
        { header: c('status'), width: 16, value: (r) => state(r.kind, r.status) },
        { header: c('waitingFor'), width: 16, value: (r) => (r.waitingFor === 'applicant' ? t('deadlines.waitingApplicant') : r.waitingFor.split(',').map((role) => label(`workflow.roles.${role}`, role)).join('、')) },
        { header: c('overdue'), width: 10, value: (r) => r.overdue },
        { header: c('dueSoon'), width: 10, value: (r) => r.dueSoon },
      ];
      body = await listWorkbook(t('sheet.deadlines'), cols, out.rows);
    } else if (out.chart === 'notifications') {
      const cols: SheetColumn<NotificationDay>[] = [
        { header: c('day'), width: 12, value: (r) => r.day },
        { header: c('queued'), width: 10, value: (r) => r.queued },
        { header: c('sent'), width: 10, value: (r) => r.sent },
        { header: c('failed'), width: 10, value: (r) => r.failed },
      ];
      body = await listWorkbook(t('sheet.notifications'), cols, out.rows);
    } else if (out.chart === 'backlog') {
      const cols: SheetColumn<NotificationBacklog>[] = [
        { header: c('channel'), width: 10, value: (r) => t(`notifications.channel.${r.channel}`) },
        { header: c('waiting'), width: 10, value: (r) => r.waiting },
        { header: c('retrying'), width: 10, value: (r) => r.retrying },
        { header: c('dead'), width: 10, value: (r) => r.dead },
      ];
      body = await listWorkbook(t('sheet.backlog'), cols, out.rows);
    } else if (out.chart === 'durations') {
      const cols: SheetColumn<DurationFigure>[] = [
        { header: c('kind'), width: 24, value: (r) => kind(r.kind) },
        { header: c('module'), width: 14, value: (r) => label(`modules.${r.module}.name`, r.module) },
        { header: c('status'), width: 16, value: (r) => state(r.kind, r.status) },
        { header: c('stays'), width: 10, value: (r) => r.stays },
        { header: c('avgDays'), width: 12, value: (r) => r.avgDays },
        { header: c('p90Days'), width: 12, value: (r) => r.p90Days },
        { header: c('dueDays'), width: 12, value: (r) => r.dueDays ?? '' },
      ];
      body = await listWorkbook(t('sheet.durations'), cols, out.rows);
    } else if (out.chart === 'panel') {
      const cols: SheetColumn<PanelRow>[] = [
        { header: out.panel.category ?? t('category'), width: 28, value: (r) => r.label },
        ...out.panel.series.map((s) => ({
          header: s.format === 'fen' ? t('columns.yuan', { label: s.label }) : s.label,
          width: 14,
          value: (r: PanelRow) => {
            const v = r.values[s.key];
            return v === null || v === undefined ? '' : s.format === 'fen' ? fenToYuan(v) : v;
          },
        })),
      ];
      body = await listWorkbook(out.panel.title.slice(0, 31), cols, out.rows);
    } else {
      const cols: SheetColumn<DayFigure>[] = [
        { header: c('day'), width: 12, value: (r) => r.day },
        { header: c('paid'), width: 12, value: (r) => r.paid },
        { header: c('paidAmount'), width: 14, value: (r) => fenToYuan(r.paidFen) },
        { header: c('refunded'), width: 10, value: (r) => r.refunded },
        { header: c('refundedAmount'), width: 14, value: (r) => fenToYuan(r.refundedFen) },
      ];
      body = await listWorkbook(t('sheet.finance'), cols, out.rows);
    }
    const stamp = new Date(now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
    return new NextResponse(new Uint8Array(body), {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': contentDisposition(`${out.chart === 'panel' ? out.panel.title : t(`sheet.${out.chart}` as never)}-${stamp}.xlsx`, {
          asciiFallback: `dashboard-${out.chart === 'panel' ? out.panel.id : out.chart}-${stamp}.xlsx`,
        }),
        'Cache-Control': 'no-store',
      },
    });
  },
});
