/**
 * Calendar dates of module E in Beijing time (UTC+8, no daylight saving since
 * 1991, so a fixed offset is exact). Pure: the invitation's date picker and the
 * server use the same rule.
 */
const OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Beijing calendar date ('YYYY-MM-DD') of an instant. */
export function beijingDate(d: Date): string {
  return new Date(d.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** True for a real calendar date 'YYYY-MM-DD' between 2000 and 2100. */
export function isCalendarDate(v: string): boolean {
  const m = DATE_RE.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 2000 || y > 2100) return false;
  const back = new Date(Date.UTC(y, mo - 1, d));
  return back.getUTCMonth() === mo - 1 && back.getUTCDate() === d;
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, mo, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, mo - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * 约请 (seed 004 §3.3.1): "当天 5 日内禁止选择" — an expected review date
 * must be at least this many days after today in Beijing.
 */
export const INVITATION_MIN_DAYS = 5;

/** The earliest expected date an invitation may propose now: today (Beijing) + 5 days. */
export function earliestInvitationDate(now: Date): string {
  return addDays(beijingDate(now), INVITATION_MIN_DAYS);
}

/** Whether an invitation may propose `date` now (the picker disables, and the server refuses, anything earlier). */
export function invitationDateAllowed(date: string, now: Date): boolean {
  return isCalendarDate(date) && date >= earliestInvitationDate(now);
}
