/**
 * Training dates in Beijing time (China has used UTC+8 without daylight
 * saving since 1991, so a fixed offset is exact whatever the server's or the
 * browser's zone). Course days are calendar dates; enrollment windows are
 * instants entered as datetime-local values read as Beijing time. Pure: forms
 * use it too.
 */
const OFFSET_MS = 8 * 3600 * 1000;
const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcOf(y: number, mo: number, d: number, h = 0, mi = 0): number | null {
  if (y < 1900 || y > 2100) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi);
  const back = new Date(utc);
  // Date.UTC rolls 02-30 into March and 25:00 into the next day: those are not real inputs.
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || back.getUTCHours() !== h || back.getUTCMinutes() !== mi) return null;
  return utc;
}

/** True for a real calendar date 'YYYY-MM-DD' (1900–2100). */
export function isCalendarDate(v: string): boolean {
  const m = DATE_RE.exec(v);
  return !!m && utcOf(Number(m[1]), Number(m[2]), Number(m[3])) !== null;
}

/** A datetime-local value ('YYYY-MM-DDTHH:mm') read as Beijing time → the instant; null when not a real date and time. */
export function beijingLocalToDate(v: string): Date | null {
  const m = LOCAL_RE.exec(v.trim());
  if (!m) return null;
  const utc = utcOf(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
  return utc === null ? null : new Date(utc - OFFSET_MS);
}

/** The instant as a datetime-local value in Beijing time (minute precision). */
export function dateToBeijingLocal(d: Date): string {
  return new Date(d.getTime() + OFFSET_MS).toISOString().slice(0, 16);
}

/** The Beijing calendar date of an instant, 'YYYY-MM-DD'. */
export function beijingDate(d: Date): string {
  return new Date(d.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD HH:mm' in Beijing time (spreadsheets, messages). */
export function beijingDateTime(d: Date): string {
  return dateToBeijingLocal(d).replace('T', ' ');
}
