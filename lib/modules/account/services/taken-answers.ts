import type { Db } from '@/db';
import { AppError } from '@/lib/platform/errors';
import { hit } from '@/lib/platform/rate-limit';

/**
 * "Already registered" (an ID number, mobile or credit code that has an
 * account) is told only after the SMS code was verified and spent, and only
 * `perIp` times per client address and hour (issue #15.7): each answer costs
 * the asker a fresh code to a phone they hold, and their number is capped.
 * Past the cap the answer is "too many requests", whatever the conflict.
 */
export const TAKEN_ANSWERS = { perIp: 20, windowSec: 3600 } as const;

/** The error to throw for a conflict: the conflict itself, or RATE_LIMITED past the cap. */
export async function takenAnswer(db: Db, ip: string | null, error: AppError): Promise<AppError> {
  if (!ip) return error;
  const r = await hit(db, `taken-answers:ip:${ip}`, TAKEN_ANSWERS.windowSec);
  return r.count > TAKEN_ANSWERS.perIp ? new AppError('RATE_LIMITED', { params: { seconds: r.retryAfterSec } }) : error;
}
