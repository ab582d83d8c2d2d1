import { auditLog } from '@/db/schema';
import type { DbOrTx } from '@/db';

export type AuditEntry = {
  action: string;
  actorId?: string | null;
  targetType?: string;
  targetId?: string;
  success?: boolean;
  ip?: string | null;
  detail?: Record<string, unknown>;
};

/** Appends to the audit log; pass the transaction of the change it records. */
export async function audit(db: DbOrTx, e: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    action: e.action,
    actorId: e.actorId ?? null,
    targetType: e.targetType,
    targetId: e.targetId,
    success: e.success ?? true,
    ip: e.ip ?? null,
    detail: e.detail,
  });
}
