import type { QueueFilter } from '@/lib/platform/workflow';

/** Rows per page the queue offers (bulk work wants more than the default 20). */
export const PAGE_SIZES = [20, 50, 100];

/** The queue's filters from the URL (the page and the export read the same parameters). */
export function queueFilterFrom(sp: Record<string, string | string[] | undefined>): QueueFilter {
  const s = (k: string) => {
    const v = sp[k];
    return typeof v === 'string' && v.length <= 100 ? v.trim() || undefined : undefined;
  };
  const size = Number(s('limit'));
  return { module: s('module'), kind: s('kind'), status: s('status'), from: s('from'), to: s('to'), assignee: s('assignee'), q: s('q'), cursor: s('cursor'), due: s('due') === 'overdue' || s('due') === 'soon' ? (s('due') as 'overdue' | 'soon') : undefined, limit: PAGE_SIZES.includes(size) ? size : undefined };
}

export function queueQuery(f: QueueFilter, over: Partial<QueueFilter> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...over })) if (v) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
