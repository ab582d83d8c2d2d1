import { PROVINCE_CODES, REVIEW_TYPES, STAGES } from './constants';
import type { ProjectFilter } from './queries';

/**
 * The projects list's filters from the URL (the unit's list, the staff list
 * and its Excel export read the same parameters). Anything unusable is
 * "no filter", so a hand-edited URL still lists.
 */
const LIST_STATUSES = ['saved', 'submitted', 'returned', 'finished', 'failed', 'rejected', 'withdrawn'];

export function projectFilterFrom(sp: Record<string, string | string[] | undefined>): ProjectFilter & { mine?: boolean } {
  const s = (k: string) => {
    const v = sp[k];
    return typeof v === 'string' && v.length <= 64 ? v.trim() || undefined : undefined;
  };
  const oneOf = (k: string, list: readonly string[]) => {
    const v = s(k);
    return v && list.includes(v) ? v : undefined;
  };
  const page = Number(s('page'));
  return {
    q: s('q'),
    status: oneOf('status', LIST_STATUSES),
    stage: oneOf('stage', STAGES),
    reviewType: oneOf('reviewType', REVIEW_TYPES),
    province: oneOf('province', PROVINCE_CODES),
    page: Number.isInteger(page) && page > 0 && page < 100_000 ? page : undefined,
    mine: s('mine') === '1' || undefined,
  };
}

export function projectQuery(f: ProjectFilter & { mine?: boolean }, over: Partial<ProjectFilter & { mine?: boolean }> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...over })) {
    if (k === 'assignees' || k === 'pageSize') continue;
    if (v === true) p.set(k, '1');
    else if (v) p.set(k, String(v));
  }
  const q = p.toString();
  return q ? `?${q}` : '';
}

export const LIST_STATUS_OPTIONS = LIST_STATUSES;
