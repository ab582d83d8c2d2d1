import { z } from 'zod';
import type { DbOrTx } from '@/db';
import { getSetting } from '../settings';

/**
 * When reminders go out, in hours relative to the due date: negative before,
 * positive after. The site setting `reminders.schedule` overrides it, either as
 * an array (`[-72, -24, 0, 24, 72]`) or as `{ "offsetsHours": [...] }`.
 */
export const REMINDER_SCHEDULE_KEY = 'reminders.schedule';
export const DEFAULT_REMINDER_OFFSETS_HOURS: readonly number[] = [-72, -24, 0, 24, 72];

const offsets = z.array(z.number().int().min(-24 * 365).max(24 * 365)).min(1).max(20);
const setting = z.union([offsets, z.object({ offsetsHours: offsets })]);

/** Sorted, distinct offsets; a missing or malformed setting means the default. */
export function parseSchedule(value: unknown): number[] {
  const parsed = setting.safeParse(value);
  const list = parsed.success ? (Array.isArray(parsed.data) ? parsed.data : parsed.data.offsetsHours) : DEFAULT_REMINDER_OFFSETS_HOURS;
  return [...new Set(list)].sort((a, b) => a - b);
}

export async function getReminderSchedule(db: DbOrTx): Promise<number[]> {
  return parseSchedule(await getSetting<unknown>(db, REMINDER_SCHEDULE_KEY));
}

const HOUR = 3_600_000;

/** The latest offset whose moment (due + offset) has come by `now`, or null when none has. */
export function latestDueOffset(schedule: number[], dueAt: Date, now: Date): number | null {
  let latest: number | null = null;
  for (const o of schedule) if (dueAt.getTime() + o * HOUR <= now.getTime()) latest = o;
  return latest;
}
