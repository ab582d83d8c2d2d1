/**
 * Exam times are instants (timestamptz) entered and shown in Beijing time;
 * exam periods are calendar dates (date columns) in Beijing. China has used
 * UTC+8 without daylight saving since 1991, so a fixed offset is exact and the
 * browser's or server's own time zone never matters. Pure: forms use it too.
 */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;
const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcOf(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number | null {
  if (y < 2000 || y > 2100) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(utc);
  // Date.UTC rolls 02-30 over into March and 25:00 into the next day: those are not real inputs.
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || back.getUTCHours() !== h || back.getUTCMinutes() !== mi || back.getUTCSeconds() !== s) return null;
  return utc;
}

/** A datetime-local value ('YYYY-MM-DDTHH:mm') read as Beijing time → the instant; null when not a real date and time. */
export function shanghaiLocalToDate(v: string): Date | null {
  const m = LOCAL_RE.exec(v.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  const utc = utcOf(y, mo, d, h, mi, s);
  return utc === null ? null : new Date(utc - SHANGHAI_OFFSET_MS);
}

/** The instant as a datetime-local value in Beijing time (minute precision). */
export function dateToShanghaiLocal(d: Date): string {
  return new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16);
}

/** True for a real calendar date 'YYYY-MM-DD' (2000–2100). */
export function isDateString(v: string): boolean {
  const m = DATE_RE.exec(v);
  return !!m && utcOf(Number(m[1]), Number(m[2]), Number(m[3])) !== null;
}

/** 00:00 Beijing time of a calendar date: the first instant of that day. */
export function shanghaiDayStart(date: string): Date {
  const m = DATE_RE.exec(date);
  const utc = m ? utcOf(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  if (utc === null) throw new RangeError(`not a calendar date: ${date}`);
  return new Date(utc - SHANGHAI_OFFSET_MS);
}

/** 00:00 Beijing time of the day after `date`: the first instant no longer inside it. */
export function shanghaiDayEnd(date: string): Date {
  return new Date(shanghaiDayStart(date).getTime() + DAY_MS);
}

/** The Beijing calendar date of an instant. */
export function shanghaiDateOf(d: Date): string {
  return new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}
