import type { Notice } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { audit } from '@/lib/platform/audit';

/** Audit actions of publishing (labels under auditLog.actions). */
export type NoticeAuditAction = 'notice.published' | 'notice.unpublished' | 'notice.edited' | 'notice.deleted';

/** Records a publishing step in the transaction of the change, with what identifies the notice once it is gone. */
export function auditNotice(
  tx: DbOrTx,
  action: NoticeAuditAction,
  n: Pick<Notice, 'id' | 'title' | 'module' | 'category'>,
  who: { actorId: string; ip?: string | null },
  detail: Record<string, unknown> = {},
): Promise<void> {
  return audit(tx, {
    action,
    actorId: who.actorId,
    targetType: 'notice',
    targetId: n.id,
    ip: who.ip ?? null,
    detail: { title: n.title, module: n.module, category: n.category, ...detail },
  });
}
