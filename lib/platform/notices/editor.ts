import { z } from 'zod';
import type { DbOrTx } from '@/db';
import { audit } from '../audit';
import { allows, defineAction, type Access } from '../auth/action-core';
import type { Actor } from '../auth/actor';
import { AppError } from '../errors';
import { registeredModules } from '../manifest';
import type { ModuleKey } from '../modules';
import { getSetting, setSetting } from '../settings';
import { noticeDefinition, noticeKeySchema, type NoticeDefinition } from './forced-reading';

/**
 * Editing forced-reading notices (SPEC §1.1: "configurable per notice"): the
 * notices modules declare in their manifests (`readingNotices`), each edited
 * by admins and by reviewers of its module — title, text and the seconds it
 * must stay open (the server's acceptance rule reads the same setting).
 */
export type ReadingNotice = { key: string; module: ModuleKey } & NoticeDefinition;

const editorsOf = (module: ModuleKey): Access => ({ kind: 'staff', roles: ['admin', 'reviewer'], module });

/** Every declared notice. */
export function declaredReadingNotices(): Array<{ key: string; module: ModuleKey }> {
  return registeredModules().flatMap((m) => [...(m.readingNotices ?? [])]);
}

/** For navigation: whether the actor may edit at least one notice (the action refuses everyone else regardless). */
export function canEditReadingNotices(actor: Actor): boolean {
  return declaredReadingNotices().some((n) => allows(editorsOf(n.module), actor));
}

/** The notices this staff member may edit, with their current text and reading time (read model for the page). */
export async function editableReadingNotices(db: DbOrTx, actor: Actor): Promise<ReadingNotice[]> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  const mine = declaredReadingNotices().filter((n) => allows(editorsOf(n.module), actor));
  return Promise.all(mine.map(async (n) => ({ ...n, ...(await noticeDefinition(db, n.key)) })));
}

/** 阅读须知设置's export: the same notices as the page; FORBIDDEN for staff who edit none (the page says so too). */
export async function exportReadingNotices(db: DbOrTx, actor: Actor): Promise<ReadingNotice[]> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (!canEditReadingNotices(actor)) throw new AppError('FORBIDDEN');
  return editableReadingNotices(db, actor);
}

export const readingNoticeSchema = z.object({
  key: noticeKeySchema,
  title: z.string({ error: '请输入须知标题' }).trim().min(1, '请输入须知标题').max(100, '须知标题不能超过100个字'),
  body: z.string({ error: '请输入须知正文' }).trim().min(1, '请输入须知正文').max(20_000, '须知正文不能超过20000个字'),
  seconds: z.coerce.number({ error: '请输入阅读时间' }).int('阅读时间须为整数秒').min(0, '阅读时间不能为负数').max(600, '阅读时间不能超过600秒'),
});
export type ReadingNoticeInput = z.input<typeof readingNoticeSchema>;

/**
 * Saves a notice's title, text and reading time, audited with the values
 * before and after. A notice no module declares does not exist; one of a
 * module the staff member does not review is refused.
 */
export const updateReadingNoticeDef = defineAction({
  access: { kind: 'staff', roles: ['admin', 'reviewer'] },
  schema: readingNoticeSchema,
  handler: async ({ db, actor, input, ip }) => {
    const declared = declaredReadingNotices().find((n) => n.key === input.key);
    if (!declared) throw new AppError('NOT_FOUND');
    if (!allows(editorsOf(declared.module), actor)) throw new AppError('FORBIDDEN');
    const value: NoticeDefinition = { title: input.title, body: input.body, seconds: input.seconds };
    await db.transaction(async (tx) => {
      const before = await getSetting<unknown>(tx, `notice.${input.key}`);
      await setSetting(tx, `notice.${input.key}`, value);
      await audit(tx, { action: 'settings.changed', actorId: actor.id, targetType: 'notice', targetId: input.key, ip, detail: { from: before, to: value } });
    });
    return value;
  },
});
