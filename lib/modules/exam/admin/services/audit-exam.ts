import type { Exam } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { audit } from '@/lib/platform/audit';

/** Audit actions of exam set-up (labels under auditLog.actions.exam). */
export type ExamAuditAction =
  | 'exam.created'
  | 'exam.updated'
  | 'exam.deleted'
  | 'exam.published'
  | 'exam.unpublished'
  | 'exam.tickets_released'
  | 'exam.session_added'
  | 'exam.session_updated'
  | 'exam.session_deleted'
  | 'exam.subject_added'
  | 'exam.subject_updated'
  | 'exam.subject_deleted'
  | 'exam.area_added'
  | 'exam.area_updated'
  | 'exam.area_deleted';

export type Who = { actorId: string; ip?: string | null };

/** Records a set-up step in the transaction of the change, with the exam's name (it may be deleted later). */
export function auditExam(tx: DbOrTx, action: ExamAuditAction, exam: Pick<Exam, 'id' | 'name'>, who: Who, detail: Record<string, unknown> = {}): Promise<void> {
  return audit(tx, { action, actorId: who.actorId, targetType: 'exam', targetId: exam.id, ip: who.ip ?? null, detail: { exam: exam.name, ...detail } });
}

const plain = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : v);

/** The fields that changed, as { field: [before, after] } (dates as ISO strings). */
export function changes<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const [k, v] of Object.entries(after)) {
    const a = plain(before[k]);
    const b = plain(v);
    if (a !== b) out[k] = [a ?? null, b ?? null];
  }
  return out;
}
