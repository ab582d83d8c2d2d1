import { describe, expect, it } from 'vitest';
import { addYearsToDay, nextReviewDue } from '@/lib/modules/membership/qualification/grant';
import type { Level } from '@/lib/modules/membership/qualification/levels';
import { eligibility, targetLevels, type CurrentQualification } from '@/lib/modules/membership/qualification/status';

const level = (rank: number, over: Partial<Level> = {}): Level => ({ id: `l${rank}`, code: `L${rank}`, name: ['一级', '二级', '三级'][rank - 1], rank, description: '', requirements: [], materials: [], validityMonths: 36, active: true, updatedAt: new Date(0), ...over });
const LEVELS = [level(1), level(2), level(3)];
const NOW = new Date('2026-06-01T04:00:00Z');
const held = (rank: number, over: Partial<CurrentQualification> = {}): CurrentQualification => ({
  id: 'q',
  levelId: `l${rank}`,
  levelName: LEVELS[rank - 1].name,
  levelRank: rank,
  certificateId: 'c',
  certificateNumber: 'ZZ2025000001',
  certificateStatus: 'valid',
  grantedAt: new Date('2025-01-01T00:00:00Z'),
  validUntil: new Date('2028-01-01T00:00:00Z'),
  reviewDueOn: '2026-07-01',
  status: 'active',
  expired: false,
  version: 1,
  ...over,
});
const ctx = (current: CurrentQualification | null, over: Partial<Parameters<typeof eligibility>[1]> = {}) => ({ current, levels: LEVELS, open: null, renewalWindowDays: 90, now: NOW, ...over });

describe('qualification eligibility (the portal entries and the submit share it)', () => {
  it('one open application at a time, whatever the variant', () => {
    for (const v of ['apply', 'annualReview', 'upgrade', 'downgrade', 'renewal'] as const) expect(eligibility(v, ctx(held(2), { open: { number: 'ZZNS2026000001' } }))).toEqual({ code: 'CONFLICT', key: 'openApplication', params: { number: 'ZZNS2026000001' } });
  });

  it('资质申请 only without a qualification; the others only with one', () => {
    expect(eligibility('apply', ctx(null))).toBeNull();
    expect(eligibility('apply', ctx(held(2)))).toMatchObject({ key: 'alreadyQualified', params: { level: '二级' } });
    for (const v of ['annualReview', 'upgrade', 'downgrade', 'renewal'] as const) expect(eligibility(v, ctx(null))).toMatchObject({ key: 'noQualification' });
  });

  it('晋级 needs a higher active level, 降级 a lower one', () => {
    expect(eligibility('upgrade', ctx(held(1)))).toMatchObject({ key: 'noHigherLevel', params: { level: '一级' } });
    expect(eligibility('downgrade', ctx(held(3)))).toMatchObject({ key: 'noLowerLevel' });
    expect(eligibility('upgrade', ctx(held(2)))).toBeNull();
    expect(targetLevels('upgrade', LEVELS, held(3)).map((l) => l.name)).toEqual(['一级', '二级']);
    expect(targetLevels('downgrade', LEVELS, held(1)).map((l) => l.name)).toEqual(['二级', '三级']);
    expect(targetLevels('annualReview', LEVELS, held(2)).map((l) => l.name)).toEqual(['二级']);
    // An inactive level is not offered, except as the level already held.
    const withInactive = [level(1, { active: false }), level(2, { active: false }), level(3)];
    expect(targetLevels('upgrade', withInactive, held(3))).toEqual([]);
    expect(targetLevels('renewal', withInactive, held(2)).map((l) => l.name)).toEqual(['二级']);
  });

  it('到期换证 opens the configured days before expiry and says when', () => {
    const q = held(2, { validUntil: new Date('2026-12-31T15:59:59Z') });
    expect(eligibility('renewal', ctx(q))).toEqual({ code: 'INVALID_STATE', key: 'renewalNotYet', params: { date: '2026-10-02', validUntil: '2026-12-31', days: 90 } });
    expect(eligibility('renewal', ctx(q, { renewalWindowDays: 250 }))).toBeNull();
    expect(eligibility('renewal', ctx(held(2, { validUntil: new Date('2026-05-01T00:00:00Z'), expired: true })))).toBeNull();
  });

  it('suspended: only the annual review (even past validity); expired: only the renewal', () => {
    const suspended = held(2, { status: 'suspended' });
    expect(eligibility('annualReview', ctx(suspended))).toBeNull();
    for (const v of ['upgrade', 'downgrade', 'renewal'] as const) expect(eligibility(v, ctx(suspended))).toMatchObject({ key: 'suspended' });
    expect(eligibility('annualReview', ctx(held(2, { status: 'suspended', expired: true })))).toBeNull();
    const expired = held(2, { expired: true, validUntil: new Date('2026-05-01T00:00:00Z') });
    for (const v of ['annualReview', 'upgrade', 'downgrade'] as const) expect(eligibility(v, ctx(expired))).toMatchObject({ key: 'expired', params: { date: '2026-05-01' } });
  });

  it('annual review dates: a year on, 29 Feb → 28 Feb, never left in the past', () => {
    expect(addYearsToDay('2026-07-01', 1)).toBe('2027-07-01');
    expect(addYearsToDay('2024-02-29', 1)).toBe('2025-02-28');
    expect(nextReviewDue('2026-07-01', '2026-06-01')).toBe('2027-07-01');
    expect(nextReviewDue('2023-07-01', '2026-06-01')).toBe('2026-07-01');
  });
});
