import { invalidateOpenExams } from '../../catalog';

/**
 * Awaits a write of an exam and, once it has committed, drops this
 * instance's kept open-exam list (the public home page: catalog.ts
 * `openExamsNow`), so a publish, an unpublish or a changed window shows at
 * once; other instances see it at their next stamp check (≤ 2 s).
 */
export async function examListChange<T>(write: Promise<T>): Promise<T> {
  const result = await write;
  invalidateOpenExams();
  return result;
}
