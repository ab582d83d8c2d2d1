import { NextResponse } from 'next/server';
import { createFormatter, createTranslator } from 'next-intl';
import { TIME_ZONE, type AppLocale } from '@/i18n/config';
import { messagesFor } from '@/messages/catalog';
import type { Access } from '../auth/action-core';
import { audit } from '../audit';
import { contentDisposition } from '../pdf/http';
import { listWorkbook, type SheetColumn } from '../xlsx';
import { defineRoute, type RouteCtx, type RouteDef } from './route';
import type { ParamsSchema, QuerySchema, RouteHandler } from './route-core';
import type { z } from 'zod';

type Out<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;

/** What a sheet is built with: the whole catalog's translator and a formatter in Asia/Shanghai for the request's locale. */
export type ExportTools = {
  t: ((key: string, values?: Record<string, string | number>) => string) & { has: (key: string) => boolean };
  f: ReturnType<typeof createFormatter>;
  locale: AppLocale;
};

export type ExportSheet<R> = {
  /** The sheet's (and the file's) name, translated. */
  name: string;
  /** A plain ASCII file name stem for old clients (`exams` → exams-2026-12-06.xlsx). */
  ascii: string;
  columns: SheetColumn<R>[];
};

export type ExportRouteDef<A extends Access, PS extends ParamsSchema | undefined, QS extends QuerySchema | undefined, R> = {
  access: A;
  params?: PS;
  query?: QS;
  /** Rows past it are left out, with a note under the sheet. */
  max: number;
  /**
   * The rows as on screen: the page's own read-model function (it checks the
   * actor and scopes the rows), its filter from the same query parameters,
   * without the page limit. Asked for `limit` (max + 1) rows to know when
   * the export was cut.
   */
  read: (ctx: RouteCtx<A, Out<PS>, Out<QS>>, limit: number) => Promise<R[]>;
  /** The audit entry (action `data.export`): what was exported and with which filter. */
  audit: (ctx: RouteCtx<A, Out<PS>, Out<QS>>) => { targetType: string; targetId?: string; detail?: Record<string, unknown> };
  /** The sheet's name and columns (`rows`: what is exported, for columns that depend on the data). */
  sheet: (tools: ExportTools, ctx: RouteCtx<A, Out<PS>, Out<QS>>, rows: R[]) => ExportSheet<R>;
};

/** The named date formats pages use (as i18n/request.ts gives them): `f.dateTime(d, 'datetime')`. */
const FORMATS = {
  dateTime: {
    date: { year: 'numeric', month: '2-digit', day: '2-digit' },
    datetime: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false },
  },
} as const;

/** The day in Beijing, e.g. 2026-12-06, for file names. */
export function exportStamp(now: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE }).format(now);
}

/** An .xlsx response (attachment, never cached). */
export function xlsxResponse(body: Buffer, fileName: string, asciiFallback: string): Response {
  return new NextResponse(new Uint8Array(body), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': contentDisposition(fileName, { asciiFallback }),
      'Cache-Control': 'private, no-store',
    },
  });
}

/**
 * A staff list's Excel export as one declaration (SPEC §1.6): the route's gate
 * (defineRoute: access, params, query), the page's read model with the
 * screen's filter, a cap with a note when cut, the audit entry and the file.
 * A route handler has no layout in front of it: the access here and the
 * read model's own check are the page's.
 *
 *   export const GET = exportRoute({ access, query, max, read, audit, sheet });
 */
export function exportRoute<A extends Access, PS extends ParamsSchema | undefined = undefined, QS extends QuerySchema | undefined = undefined, R = unknown>(
  def: ExportRouteDef<A, PS, QS, R>,
): RouteHandler & { definition: RouteDef<A, PS, QS> } {
  const definition = exportRouteDef(def);
  // The definition rides along so tests run the very route with their own database and actor (route-core's routeHandler).
  return Object.assign(defineRoute<A, PS, QS>(definition), { definition });
}

/** The route definition of an export (see exportRoute). */
export function exportRouteDef<A extends Access, PS extends ParamsSchema | undefined = undefined, QS extends QuerySchema | undefined = undefined, R = unknown>(
  def: ExportRouteDef<A, PS, QS, R>,
): RouteDef<A, PS, QS> {
  return {
    access: def.access,
    params: def.params,
    query: def.query,
    errorBody: 'text',
    handler: async (ctx) => {
      const rows = await def.read(ctx, def.max + 1);
      const all = createTranslator({ locale: ctx.locale, messages: messagesFor(ctx.locale) });
      // Shared label helpers (kindName, stateLabel) ask `t.has` for a kind's own wording.
      const t: ExportTools['t'] = Object.assign((key: string, values?: Record<string, string | number>) => all(key as never, values as never), { has: (key: string) => all.has(key as never) });
      const f = createFormatter({ locale: ctx.locale, timeZone: TIME_ZONE, formats: FORMATS });
      const kept = rows.slice(0, def.max);
      const sheet = def.sheet({ t, f, locale: ctx.locale }, ctx, kept);
      const body = await listWorkbook(sheet.name, sheet.columns, kept, rows.length > def.max ? t('console.export.truncated', { max: def.max }) : undefined);
      const a = def.audit(ctx);
      await audit(ctx.db, {
        action: 'data.export',
        actorId: ctx.actor.kind === 'anonymous' ? null : (ctx.actor as { id: string }).id,
        targetType: a.targetType,
        targetId: a.targetId,
        ip: ctx.ip,
        detail: { ...a.detail, rows: kept.length, truncated: rows.length > def.max },
      });
      const stamp = exportStamp(ctx.now());
      return xlsxResponse(body, `${sheet.name}-${stamp}.xlsx`, `${sheet.ascii}-${stamp}.xlsx`);
    },
  };
}
