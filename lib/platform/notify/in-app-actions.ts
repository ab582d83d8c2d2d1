'use server';
import type { z } from 'zod';
import { bindAction } from '../auth/actions';
import { bellSnapshotDef, markNotificationsReadDef, type markReadSchema } from './in-app';

// The bell and the notification pages: mark read (own rows only) and re-read the bell.
export async function markNotificationsReadAction(input: z.input<typeof markReadSchema>) {
  return bindAction(markNotificationsReadDef)(input);
}
export async function bellSnapshotAction() {
  return bindAction(bellSnapshotDef)({});
}
