/**
 * Structured JSON logs, one object per line on stdout/stderr, so a log
 * shipper can parse them without configuration. A line written while a
 * request is handled carries its request id (and the actor's id once known),
 * from the request context (lib/platform/http/request-context.ts, read here
 * through globalThis so this file imports nothing). Personal identifiers never
 * reach a line: fields named like them are dropped to "[redacted]", and any
 * ID-number-like or mobile-like digits in any string are masked.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

function threshold(): number {
  const l = (process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info')) as Level | 'silent';
  return order[l] ?? order.info;
}

function serializeError(err: unknown): unknown {
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause;
    return { name: err.name, message: err.message, stack: err.stack, ...(cause ? { cause: serializeError(cause) } : {}) };
  }
  return err;
}

const SECRET_KEYS = /^(password|newPassword|currentPassword|passwordHash|captcha|smsCode|token|secret|idNumber|mobile|phone|authorization|cookie)$/i;
// Resident ID numbers (18 characters, the last may be X), and mainland mobiles; not inside longer digit runs.
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(?:\+?86)?1[3-9]\d{9}(?!\d)/g;

/** Masks ID numbers and mobiles in a string (the first 3 and last 2 characters kept, so lines can still be told apart). */
export function redactText(s: string): string {
  if (!/\d{11}/.test(s)) return s;
  const mask = (m: string) => `${m.slice(0, 3)}${'*'.repeat(Math.max(0, m.length - 5))}${m.slice(-2)}`;
  return s.replace(ID_NUMBER, mask).replace(MOBILE, mask);
}

/** A copy of a log record with personal identifiers redacted (depth-limited). */
export function redact(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return redactText(v);
  if (!v || typeof v !== 'object' || depth > 6) return v;
  if (Array.isArray(v)) return v.map((x) => redact(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = SECRET_KEYS.test(k) && x !== null && x !== undefined ? '[redacted]' : redact(x, depth + 1);
  return out;
}

type Ctx = { requestId: string; actorId?: string };
const requestCtx = (): Ctx | undefined => (globalThis as unknown as { __accreditRequests?: { als: { getStore(): Ctx | undefined } } }).__accreditRequests?.als.getStore();

export type Logger = {
  [L in Level]: (msg: string, fields?: Record<string, unknown>) => void;
} & { child: (fields: Record<string, unknown>) => Logger };

function make(base: Record<string, unknown>): Logger {
  const emit = (level: Level, msg: string, fields?: Record<string, unknown>) => {
    if (order[level] < threshold()) return;
    const ctx = requestCtx();
    const rec: Record<string, unknown> = { time: new Date().toISOString(), level, msg, ...base, ...(ctx ? { requestId: ctx.requestId, ...(ctx.actorId ? { actorId: ctx.actorId } : {}) } : {}), ...fields };
    if (rec.err) rec.err = serializeError(rec.err);
    const line = JSON.stringify(redact(rec));
    if (level === 'error' || level === 'warn') process.stderr.write(line + '\n');
    else process.stdout.write(line + '\n');
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (f) => make({ ...base, ...f }),
  };
}

export const logger = make({ app: 'accredit', ...(process.env.INSTANCE_ID ? { instance: process.env.INSTANCE_ID } : {}) });
