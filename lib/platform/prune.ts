import { lt, sql } from 'drizzle-orm';
import { actionTokens, captchaUses, rateLimits, verificationCodes } from '@/db/schema';
import type { Db } from '@/db';
import { logger } from './logger';
import { sweepStorage } from './documents/sweep';
import { startPeriodic, type PeriodicLoop } from './periodic';
import type { Storage } from './storage';

/**
 * Rows that only matter until they expire (issue #15.12): rate-limit windows
 * (the longest is a day), spent captcha solutions, SMS codes and link tokens.
 * Each is kept a little past its expiry (a code's "expired" answer, a token's
 * "already used" answer), then deleted. Safe on every instance at once.
 */
export const PRUNE_AFTER = { rateLimitHours: 48, codeHours: 24, tokenHours: 24 } as const;

export async function pruneExpired(db: Db): Promise<Record<string, number>> {
  const hoursAgo = (h: number) => sql`now() - make_interval(hours => ${h})`;
  const rate = await db.delete(rateLimits).where(lt(rateLimits.windowStart, hoursAgo(PRUNE_AFTER.rateLimitHours))).returning({ k: rateLimits.key });
  const captcha = await db.delete(captchaUses).where(lt(captchaUses.expiresAt, sql`now()`)).returning({ s: captchaUses.signature });
  const codes = await db.delete(verificationCodes).where(lt(verificationCodes.expiresAt, hoursAgo(PRUNE_AFTER.codeHours))).returning({ id: verificationCodes.id });
  const tokens = await db.delete(actionTokens).where(lt(actionTokens.expiresAt, hoursAgo(PRUNE_AFTER.tokenHours))).returning({ id: actionTokens.id });
  return { rateLimits: rate.length, captchaUses: captcha.length, verificationCodes: codes.length, actionTokens: tokens.length };
}

/** The prune loop; with `storage`, each run also sweeps abandoned and orphaned objects (documents/sweep.ts). */
export function startPruneLoop(db: Db, opts: { intervalSeconds: number; firstDelayMs?: number; storage?: () => Promise<Storage> }): PeriodicLoop {
  return startPeriodic(
    'prune',
    async () => {
      const r = await pruneExpired(db);
      if (Object.values(r).some((n) => n > 0)) logger.info('expired rows pruned', r);
      if (opts.storage) {
        const swept = await sweepStorage(db, await opts.storage());
        if (swept.staging || swept.orphans) logger.info('abandoned objects removed', swept);
      }
    },
    { intervalSeconds: opts.intervalSeconds, firstDelayMs: opts.firstDelayMs ?? 30_000 },
  );
}
