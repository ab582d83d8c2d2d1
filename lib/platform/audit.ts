import { auditLog } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { maskIdentifier } from '@/lib/reference/validators';
import { cleanText } from './text-rules';

export type AuditEntry = {
  action: string;
  actorId?: string | null;
  targetType?: string;
  targetId?: string;
  success?: boolean;
  ip?: string | null;
  detail?: Record<string, unknown>;
};

/** Detail keys holding what identifies a person (typed identifiers, mobiles, ID numbers, emails): masked. */
const PERSONAL_KEYS = new Set(['identifier', 'mobile', 'idNumber', 'email', 'actor']);
/** `from` / `to` hold all sorts (states, roles, numbers): masked when they are an email or a mobile. */
const CHANGE_KEYS = new Set(['from', 'to']);
const looksPersonal = (v: string) => v.includes('@') || /^1\d{10}$/.test(v.trim());

/**
 * An audit detail with personal identifiers masked as lists show them (SPEC
 * §1.6). `audit()` stores details through it; the audit page and export read
 * older rows through it too.
 */
export function maskAuditDetail<T>(detail: T): T {
  if (typeof detail === 'string') return cleanText(detail) as T;
  if (Array.isArray(detail)) return detail.map((d) => maskAuditDetail(d)) as T;
  if (!detail || typeof detail !== 'object') return detail;
  return Object.fromEntries(
    Object.entries(detail as Record<string, unknown>).map(([k, v]) => {
      if (typeof v === 'string' && (PERSONAL_KEYS.has(k) || (CHANGE_KEYS.has(k) && looksPersonal(v)))) return [k, maskIdentifier(cleanText(v))];
      return [cleanText(k), maskAuditDetail(v)];
    }),
  ) as T;
}

/** Appends to the audit log (personal identifiers in the detail masked); pass the transaction of the change it records. */
export async function audit(db: DbOrTx, e: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    action: e.action,
    actorId: e.actorId ?? null,
    targetType: e.targetType,
    targetId: e.targetId,
    success: e.success ?? true,
    ip: e.ip ?? null,
    detail: e.detail && maskAuditDetail(e.detail),
  });
}
