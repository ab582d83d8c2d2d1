import { describe, expect, it } from 'vitest';
import { checkRequirements } from '@/lib/modules/membership/staff-grades';

describe('checkRequirements', () => {
  it('counts a higher grade for a lower one, each person once', () => {
    const r = checkRequirements(
      [
        { grade: 'intermediate', count: 3 },
        { grade: 'senior', count: 2 },
      ],
      ['senior', 'senior', 'senior', 'intermediate', 'junior'],
    );
    expect(r).toEqual([
      { grade: 'senior', required: 2, have: 2, met: true },
      { grade: 'intermediate', required: 3, have: 2, met: false },
    ]);
  });

  it('a lower grade never counts for a higher one', () => {
    expect(checkRequirements([{ grade: 'senior', count: 1 }], ['intermediate', 'junior'])).toEqual([{ grade: 'senior', required: 1, have: 0, met: false }]);
  });

  it('no requirements → nothing to meet; met once enough people are attached', () => {
    expect(checkRequirements([], ['junior'])).toEqual([]);
    expect(checkRequirements([{ grade: 'junior', count: 2 }], ['junior', 'senior'])).toEqual([{ grade: 'junior', required: 2, have: 2, met: true }]);
  });
});
