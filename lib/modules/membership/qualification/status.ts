import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import { applications, certificates, qualificationLevels, qualifications } from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { ErrorCode } from '@/lib/platform/errors';
import { getSetting } from '@/lib/platform/settings';
import { OPEN_STATES, QUALIFICATION_KINDS, RENEWAL_WINDOW_DEFAULT, RENEWAL_WINDOW_SETTING, type QualificationVariant } from './constants';
import type { Level } from './levels';

/**
 * What an enterprise holds and what it may apply for: one set of rules shared
 * by the portal page (entries enabled, or the reason why not) and the submit
 * (prepare.ts refuses with the same reason).
 */

export const chinaDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

export type CurrentQualification = {
  id: string;
  levelId: string;
  levelName: string;
  levelRank: number;
  certificateId: string | null;
  certificateNumber: string | null;
  certificateStatus: string | null;
  grantedAt: Date;
  validUntil: Date;
  /** YYYY-MM-DD (China calendar day) by which the next annual review is due. */
  reviewDueOn: string;
  status: 'active' | 'suspended';
  expired: boolean;
  version: number;
};

/** The enterprise's qualification (one per enterprise), or null. `lock` takes the row for the caller's transaction. */
export async function qualificationOf(db: DbOrTx, orgId: string, opts: { now?: Date; lock?: boolean } = {}): Promise<CurrentQualification | null> {
  const now = opts.now ?? new Date();
  const q = db
    .select({ q: qualifications, levelName: qualificationLevels.name, levelRank: qualificationLevels.rank, certificateNumber: certificates.number, certificateStatus: certificates.status })
    .from(qualifications)
    .innerJoin(qualificationLevels, eq(qualificationLevels.id, qualifications.levelId))
    .leftJoin(certificates, eq(certificates.id, qualifications.certificateId))
    .where(eq(qualifications.orgId, orgId));
  const [row] = opts.lock ? await q.for('update', { of: qualifications }) : await q;
  if (!row) return null;
  return {
    id: row.q.id,
    levelId: row.q.levelId,
    levelName: row.levelName,
    levelRank: row.levelRank,
    certificateId: row.q.certificateId,
    certificateNumber: row.certificateNumber,
    certificateStatus: row.certificateStatus,
    grantedAt: row.q.grantedAt,
    validUntil: row.q.validUntil,
    reviewDueOn: row.q.reviewDueOn,
    status: row.q.status === 'suspended' ? 'suspended' : 'active',
    expired: row.q.validUntil.getTime() < now.getTime(),
    version: row.q.version,
  };
}

/** The enterprise's open application of any qualification kind (submitted, received or returned), other than `except`. */
export async function openQualificationApplication(db: DbOrTx, orgId: string, except?: string): Promise<{ id: string; number: string; kind: string; status: string } | null> {
  const [row] = await db
    .select({ id: applications.id, number: applications.number, kind: applications.kind, status: applications.status })
    .from(applications)
    .where(and(eq(applications.orgId, orgId), inArray(applications.kind, [...QUALIFICATION_KINDS]), inArray(applications.status, [...OPEN_STATES]), except ? ne(applications.id, except) : undefined))
    .orderBy(desc(applications.updatedAt))
    .limit(1);
  return row ?? null;
}

export async function renewalWindowDays(db: DbOrTx): Promise<number> {
  const days = await getSetting<unknown>(db, RENEWAL_WINDOW_SETTING);
  return Number.isInteger(days) && (days as number) > 0 ? (days as number) : RENEWAL_WINDOW_DEFAULT;
}

/** The first day 到期换证 may be submitted: `days` before the end of validity. */
export function renewalOpensAt(validUntil: Date, days: number): Date {
  return new Date(validUntil.getTime() - days * 86_400_000);
}

/** The levels a variant may target, given the current qualification (active levels only, except the current one itself). */
export function targetLevels(variant: QualificationVariant, levels: readonly Level[], current: Pick<CurrentQualification, 'levelId' | 'levelRank'> | null): Level[] {
  const active = levels.filter((l) => l.active);
  switch (variant) {
    case 'apply':
      return active;
    case 'annualReview':
    case 'renewal':
      return current ? levels.filter((l) => l.id === current.levelId) : [];
    case 'upgrade':
      return current ? active.filter((l) => l.rank < current.levelRank) : [];
    case 'downgrade':
      return current ? active.filter((l) => l.rank > current.levelRank) : [];
  }
}

/** Why a variant may not be submitted now: an error code and a message key under `qualification.errors` with its values. */
export type Refusal = { code: ErrorCode; key: string; params?: Record<string, string | number> };

export type EligibilityCtx = {
  current: CurrentQualification | null;
  levels: readonly Level[];
  /** Another open application of the enterprise (qualification kinds), if any. */
  open: { number: string } | null;
  renewalWindowDays: number;
  now: Date;
};

export function eligibility(variant: QualificationVariant, ctx: EligibilityCtx): Refusal | null {
  const { current, now } = ctx;
  if (ctx.open) return { code: 'CONFLICT', key: 'openApplication', params: { number: ctx.open.number } };
  if (variant === 'apply') return current ? { code: 'CONFLICT', key: 'alreadyQualified', params: { level: current.levelName } } : null;
  if (!current) return { code: 'INVALID_STATE', key: 'noQualification' };
  const validUntil = chinaDay(current.validUntil);
  if (variant === 'renewal') {
    if (current.status === 'suspended') return { code: 'INVALID_STATE', key: 'suspended' };
    const opens = renewalOpensAt(current.validUntil, ctx.renewalWindowDays);
    if (now.getTime() < opens.getTime()) return { code: 'INVALID_STATE', key: 'renewalNotYet', params: { date: chinaDay(opens), validUntil, days: ctx.renewalWindowDays } };
    return null;
  }
  // A suspended qualification is reinstated by its annual review first (even past its validity, then renewed).
  if (variant === 'annualReview') return current.expired && current.status !== 'suspended' ? { code: 'INVALID_STATE', key: 'expired', params: { date: validUntil } } : null;
  if (current.expired) return { code: 'INVALID_STATE', key: 'expired', params: { date: validUntil } };
  if (current.status === 'suspended') return { code: 'INVALID_STATE', key: 'suspended' };
  if (targetLevels(variant, ctx.levels, current).length === 0) return { code: 'INVALID_STATE', key: variant === 'upgrade' ? 'noHigherLevel' : 'noLowerLevel', params: { level: current.levelName } };
  return null;
}
