import { expect } from 'vitest';
import type { Db } from '@/db';
import { createIndividual } from '@/db/seed/factories';
import { invokeAction, type Access, type ActionDef } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { completeUpload } from '@/lib/platform/documents/services/complete-upload';
import { requestUpload } from '@/lib/platform/documents/services/request-upload';
import type { Storage } from '@/lib/platform/storage';
import { PERSONNEL_PHOTO_SLOT } from '@/lib/modules/personnel/photo-slot';
import { savePersonnelProfileDef } from '@/lib/modules/personnel/services/profile';
import type { z } from 'zod';
import { actorOf } from './actors';
import { jpegPhoto } from './photos';
import { dateToShanghaiLocal, shanghaiDateOf } from '@/lib/modules/exam/time';

/** Module C test helpers: calls through the gate with a given storage, people with a complete profile, uploads. */
export type Ok<T> = { ok: true; data: T };

export function gate(db: Db, storage: Storage, now?: () => Date) {
  return <A extends Access, S extends z.ZodType, O>(def: ActionDef<A, S, O>, actor: Actor, input: unknown) =>
    invokeAction(def, { db, storage: async () => storage, now, actor: async () => actor, ip: '127.0.0.1', locale: 'zh-CN' }, input);
}

export const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

/** Uploads bytes into a slot (personal when applicationId is null) the way the browser does. */
export async function upload(db: Db, storage: Storage, actor: Actor, opts: { applicationId?: string | null; slot: string; fileName: string; bytes: Uint8Array; contentType: string }) {
  const grant = await requestUpload(db, storage, actor, { applicationId: opts.applicationId ?? null, slot: opts.slot, fileName: opts.fileName, size: opts.bytes.byteLength, contentType: opts.contentType });
  expect((await fetch(grant.url, { method: 'PUT', body: Buffer.from(opts.bytes), headers: grant.headers })).status).toBe(200);
  return completeUpload(db, storage, actor, { ticket: grant.ticket });
}

export async function uploadPhoto(db: Db, storage: Storage, actor: Actor, bytes?: Uint8Array) {
  return upload(db, storage, actor, { slot: PERSONNEL_PHOTO_SLOT, fileName: '照片.jpg', bytes: bytes ?? (await jpegPhoto({ width: 300, height: 400 })), contentType: 'image/jpeg' });
}

export const profileInput = (photoDocumentId: string, over: Record<string, unknown> = {}) => ({
  name: '王检验',
  photoDocumentId,
  education: '21',
  majorType: 'science',
  majorCode: '080206',
  employer: '浙江省特种设备检验研究院',
  title: '工程师',
  yearsOfWork: '8',
  ...over,
});

/** A new individual with a complete personnel profile (photo checked); returns the user and a live actor. */
export async function personWithProfile(db: Db, storage: Storage, over: Record<string, unknown> = {}) {
  const user = await createIndividual(db, { name: '王检验' });
  const actor = await actorOf(db, user.id);
  const photo = await uploadPhoto(db, storage, actor);
  const r = await gate(db, storage)(savePersonnelProfileDef, actor, profileInput(photo.id, over));
  expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
  return { user, actor, photoId: photo.id };
}

export const DAY = 86_400_000;
export const local = (ms: number) => dateToShanghaiLocal(new Date(Date.now() + ms));
export const day = (ms: number) => shanghaiDateOf(new Date(Date.now() + ms));

/** A valid exam plan form (检测 UT-Ⅱ, enrollment open now, exam in a month). */
export const planFields = (over: Record<string, unknown> = {}) => ({
  kind: 'testing',
  item: 'UT-Ⅱ',
  name: `超声检测二级考试${Math.random().toString(36).slice(2, 7)}`,
  examStartsOn: day(30 * DAY),
  examEndsOn: day(31 * DAY),
  site: '杭州市西湖区文三路100号 特检院考点',
  capacity: '30',
  enrollOpensAt: local(-DAY),
  enrollClosesAt: local(20 * DAY),
  fee: '350',
  note: '',
  ...over,
});
