import { describe, expect, it } from 'vitest';
import { reconnectBackoff } from '@/db/client';

describe('the Postgres pool reconnect backoff', () => {
  it('starts around a tenth of a second and never waits more than 2 s, however many errors in a row', () => {
    for (let i = 0; i < 200; i++) {
      expect(reconnectBackoff(0)).toBeGreaterThanOrEqual(0.05);
      expect(reconnectBackoff(0)).toBeLessThanOrEqual(0.1);
      for (const retries of [3, 5, 8, 20, 100]) expect(reconnectBackoff(retries)).toBeLessThanOrEqual(2);
    }
    // postgres-js's own default would wait 10–20 s after 7 errors in a row.
    expect(reconnectBackoff(7)).toBeGreaterThanOrEqual(1);
  });
});
