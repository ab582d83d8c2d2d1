import crypto from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { actionTokens } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { AppError } from '../errors';

/** Single-purpose, single-use link tokens; the database keeps only their SHA-256. */
const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export async function issueToken(tx: DbOrTx, t: { purpose: string; subjectId: string; ttlSeconds: number; data?: Record<string, unknown> }): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await tx.insert(actionTokens).values({
    purpose: t.purpose,
    subjectId: t.subjectId,
    tokenHash: hashToken(token),
    data: t.data,
    expiresAt: sql`now() + make_interval(secs => ${t.ttlSeconds})`,
  });
  return token;
}

const live = (purpose: string, token: string) =>
  and(eq(actionTokens.tokenHash, hashToken(token)), eq(actionTokens.purpose, purpose), isNull(actionTokens.usedAt), gt(actionTokens.expiresAt, sql`now()`));

/** The token's row if it is valid for this purpose, unused and unexpired (does not use it). */
export async function peekToken(db: DbOrTx, purpose: string, token: string) {
  if (!token || token.length > 100) return undefined;
  const [row] = await db.select().from(actionTokens).where(live(purpose, token));
  return row;
}

/** Uses the token (once): a second use, another purpose or an expired token is refused. */
export async function consumeToken(tx: DbOrTx, purpose: string, token: string) {
  if (!token || token.length > 100) throw new AppError('BAD_INPUT', { messageKey: 'linkInvalid' });
  const [row] = await tx.update(actionTokens).set({ usedAt: sql`now()` }).where(live(purpose, token)).returning();
  if (!row) throw new AppError('BAD_INPUT', { messageKey: 'linkInvalid' });
  return row;
}
