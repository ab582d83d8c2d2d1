import { cookies } from 'next/headers';
import type { z } from 'zod';
import { getDb } from '@/db';
import { LOCALE_COOKIE, toLocale } from '@/i18n/config';
import type { ActionResult } from '../errors';
import { getStorage } from '../storage';
import { invokeAction, type Access, type ActionDef } from './action-core';
import { clientIp, getActor } from './server';

/** Binds an action definition to the Next request (session, IP, locale). Use in 'use server' files. */
export function bindAction<A extends Access, S extends z.ZodType, O>(def: ActionDef<A, S, O>) {
  return async (raw: z.input<S>): Promise<ActionResult<O>> =>
    invokeAction(def, { db: await getDb(), storage: getStorage, actor: getActor, ip: await clientIp(), locale: toLocale((await cookies()).get(LOCALE_COOKIE)?.value) }, raw);
}
