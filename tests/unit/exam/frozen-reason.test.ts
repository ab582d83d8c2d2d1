import { describe, expect, it } from 'vitest';
import { frozenReason } from '@/lib/modules/exam/registration/services/registration';

const DAY = 86_400_000;
const now = new Date('2027-01-01T00:00:00Z');
const open = { status: 'published', registrationOpensAt: new Date(now.getTime() - DAY), registrationClosesAt: new Date(now.getTime() + DAY) };
const closed = { ...open, registrationClosesAt: new Date(now.getTime() - 1) };

describe('why a registration’s forms are read-only (issue #18 §6)', () => {
  it('editable while filling in an open exam', () => {
    for (const status of ['info', 'subjects', 'area']) expect(frozenReason({ status }, open, now)).toBeNull();
  });
  it('an unpaid order, a payment, a void registration, a closed window: each its own reason', () => {
    expect(frozenReason({ status: 'ordered' }, open, now)).toBe('ordered');
    expect(frozenReason({ status: 'paid' }, open, now)).toBe('paid');
    expect(frozenReason({ status: 'refunded' }, open, now)).toBe('ended');
    expect(frozenReason({ status: 'cancelled' }, open, now)).toBe('ended');
    expect(frozenReason({ status: 'area' }, closed, now)).toBe('closed');
    expect(frozenReason({ status: 'paid' }, closed, now)).toBe('paid');
  });
});
