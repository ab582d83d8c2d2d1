import { and, desc, eq, gte, ilike, like, lt, or, sql, type SQL } from 'drizzle-orm';
import { auditLog, users } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { audit, maskAuditDetail } from '@/lib/platform/audit';
import type { Actor } from '@/lib/platform/auth/actor';
import { can } from '@/lib/platform/auth/permissions';
import { AppError } from '@/lib/platform/errors';
import type { AuditFilterParams } from '../schemas';

/**
 * Search of the audit log for admins: newest first, keyset pagination by id
 * (stable while new rows arrive), joined with the actor's account.
 */
export type AuditQuery = {
  /** An exact action, or a prefix ending in `*` (e.g. `staff.*`). */
  action?: string;
  /** A part of the actor's username, name or mobile (or of the identifier typed at a failed sign-in, as masked). */
  actorQuery?: string;
  success?: boolean;
  /** Inclusive lower bound. */
  from?: Date;
  /** Exclusive upper bound. */
  to?: Date;
  beforeId?: number;
  limit?: number;
};

export type AuditItem = {
  id: number;
  at: Date;
  action: string;
  success: boolean;
  ip: string | null;
  targetType: string | null;
  targetId: string | null;
  detail: unknown;
  actorId: string | null;
  actorName: string | null;
  actorUsername: string | null;
};

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_EXPORT_MAX = 10_000;

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

function actionCondition(action: string): SQL {
  return action.endsWith('*') ? like(auditLog.action, `${escapeLike(action.slice(0, -1))}%`) : eq(auditLog.action, action);
}

export async function searchAudit(db: DbOrTx, query: AuditQuery): Promise<{ items: AuditItem[]; nextBeforeId?: number }> {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? AUDIT_PAGE_SIZE), 1), AUDIT_EXPORT_MAX);
  const q = query.actorQuery?.trim().slice(0, 64);
  const pattern = q ? `%${escapeLike(q)}%` : '';
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      success: auditLog.success,
      ip: auditLog.ip,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      detail: auditLog.detail,
      actorId: auditLog.actorId,
      actorName: users.name,
      actorUsername: users.username,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        query.action ? actionCondition(query.action) : undefined,
        q
          ? or(
              ilike(users.username, pattern),
              ilike(users.name, pattern),
              ilike(users.mobile, pattern),
              // Failed sign-ins to unknown accounts have no actor; what was typed is in the detail.
              ilike(sql`${auditLog.detail} ->> 'identifier'`, pattern),
            )
          : undefined,
        query.success === undefined ? undefined : eq(auditLog.success, query.success),
        query.from ? gte(auditLog.at, query.from) : undefined,
        query.to ? lt(auditLog.at, query.to) : undefined,
        query.beforeId ? lt(auditLog.id, query.beforeId) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  // Rows written before details were masked are masked here (the page and the export read only this).
  const items = rows.slice(0, limit).map((r) => ({ ...r, detail: maskAuditDetail(r.detail) }));
  return { items, nextBeforeId: rows.length > limit ? rows[limit - 1].id : undefined };
}

/** The start of a calendar day in China (UTC+8, no daylight saving). */
const shanghaiDayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

/** Turns the search form's parameters into a query: `from` and `to` are whole days in Asia/Shanghai, both included. */
export function auditQueryOf(p: AuditFilterParams, limit = AUDIT_PAGE_SIZE): AuditQuery {
  return {
    action: p.action || undefined,
    actorQuery: p.actor || undefined,
    success: p.success === undefined ? undefined : p.success === 'true',
    from: p.from ? shanghaiDayStart(p.from) : undefined,
    to: p.to ? new Date(shanghaiDayStart(p.to).getTime() + 86_400_000) : undefined,
    beforeId: p.before,
    limit,
  };
}

/**
 * The rows of an export (the filtered list, newest first, at most AUDIT_EXPORT_MAX),
 * recorded as `audit.exported` with the filter. Admins only.
 */
export async function exportAudit(db: DbOrTx, actor: Actor, params: AuditFilterParams, ctx: { ip: string | null }) {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (!can(actor, { action: 'staff.role', role: 'admin' })) throw new AppError('FORBIDDEN');
  const filter = Object.fromEntries(Object.entries({ ...params, before: undefined }).filter(([, v]) => v !== undefined && v !== ''));
  const { items, nextBeforeId } = await searchAudit(db, { ...auditQueryOf(params, AUDIT_EXPORT_MAX), beforeId: undefined });
  await audit(db, { action: 'audit.exported', actorId: actor.id, ip: ctx.ip, detail: { filter, rows: items.length, truncated: nextBeforeId !== undefined } });
  return { items, truncated: nextBeforeId !== undefined };
}
