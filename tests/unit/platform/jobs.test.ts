import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Db } from '@/db';
import { defineJob, jobType, registerJob, runJob } from '@/lib/platform/jobs';
import { PermanentDeliveryError } from '@/lib/platform/notify/types';

const db = {} as Db;

describe('typed jobs', () => {
  const seen: Array<{ id: string; n: number }> = [];
  const T = jobType('unit-typed-job', z.object({ id: z.string().min(1), n: z.number().int() }));
  registerJob(defineJob(T, async (_db, payload) => void seen.push(payload)));

  it('runs a handler with its parsed payload', async () => {
    await runJob(db, { type: 'unit-typed-job', id: 'a', n: 2 }, { outboxId: 1 });
    expect(seen).toEqual([{ id: 'a', n: 2 }]);
  });

  it('refuses a malformed payload and an unknown type permanently, without running anything', async () => {
    await expect(runJob(db, { type: 'unit-typed-job', id: '', n: 1.5 }, { outboxId: 2 })).rejects.toBeInstanceOf(PermanentDeliveryError);
    await expect(runJob(db, { type: 'no-such-job' }, { outboxId: 3 })).rejects.toBeInstanceOf(PermanentDeliveryError);
    await expect(runJob(db, null, { outboxId: 4 })).rejects.toBeInstanceOf(PermanentDeliveryError);
    expect(seen).toHaveLength(1);
  });

  it('names job types in kebab-case', () => {
    expect(() => jobType('Bad Type', z.object({}))).toThrow();
  });
});
