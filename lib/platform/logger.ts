/**
 * Structured JSON logs, one object per line on stdout/stderr, so a log
 * shipper can parse them without configuration.
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

export type Logger = {
  [L in Level]: (msg: string, fields?: Record<string, unknown>) => void;
} & { child: (fields: Record<string, unknown>) => Logger };

function make(base: Record<string, unknown>): Logger {
  const emit = (level: Level, msg: string, fields?: Record<string, unknown>) => {
    if (order[level] < threshold()) return;
    const rec: Record<string, unknown> = { time: new Date().toISOString(), level, msg, ...base, ...fields };
    if (rec.err) rec.err = serializeError(rec.err);
    const line = JSON.stringify(rec);
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

export const logger = make({ app: 'accredit' });
