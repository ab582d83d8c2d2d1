import { expect } from 'vitest';
import { noticeFieldsSchema, type NoticeFieldsInput } from '@/lib/modules/publications/schemas';
import { completeAttachmentUpload } from '@/lib/modules/publications/services/complete-attachment-upload';
import { createNotice } from '@/lib/modules/publications/services/create-notice';
import { exportStaffNotices, staffNoticeFilterFrom } from '@/lib/modules/publications/services/list-notices';
import { publishNotice } from '@/lib/modules/publications/services/publish-notice';
import { authorizeAttachmentRead } from '@/lib/modules/publications/services/read-attachment';
import { requestAttachmentUpload } from '@/lib/modules/publications/services/request-attachment-upload';
import { getStorage } from '@/lib/platform/storage';
import { PDF, uniq } from '../builders';
import {
  ACTOR_KEYS,
  actor,
  APPLICANTS,
  ctx,
  defineArea,
  expectGuard,
  forbidden,
  MODULE_A_STAFF,
  outcomes,
  SIGNED_OUT,
  type ActorKey,
  type Checks,
  type Coverage,
  type Extra,
} from '../context';

/** Publications (lib/modules/publications): notices and their attachments, by module; platform-wide notices are the admins'. */

const noticeFields = (over: Partial<NoticeFieldsInput> = {}): NoticeFieldsInput => ({ title: `认可工作通知${uniq()}`, module: 'accreditation', category: 'news', body: '正文。', publishAt: '', ...over });

/** A notice created by an admin: module A's by default, platform-wide with module ''. */
async function notice(over: Partial<NoticeFieldsInput> & { published?: boolean } = {}): Promise<string> {
  const { published, ...fields } = over;
  const { id } = await createNotice(ctx.h.db, await actor('staffAdmin'), noticeFieldsSchema.parse(noticeFields(fields)));
  if (published) await publishNotice(ctx.h.db, await actor('staffAdmin'), { id });
  return id;
}

/** Steps 1 and 2 of adding a notice attachment: the grant and the PUT. Returns the ticket. */
async function putAttachment(who: ActorKey, noticeId: string): Promise<string> {
  const grant = await requestAttachmentUpload(ctx.h.db, await getStorage(), await actor(who), { id: noticeId, fileName: '评审程序.pdf', size: PDF.byteLength, contentType: 'application/pdf' });
  const put = await fetch(grant.url, { method: 'PUT', body: Buffer.from(PDF), headers: grant.headers });
  expect(put.status).toBe(200);
  return grant.ticket;
}

/** A module-A notice with one attachment in the object store; returns its id and the attachment's name. */
async function noticeWithAttachment(over: Partial<NoticeFieldsInput> & { published?: boolean } = {}): Promise<{ id: string; name: string }> {
  const id = await notice(over);
  const a = await completeAttachmentUpload(ctx.h.db, await getStorage(), await actor('staffAdmin'), { ticket: await putAttachment('staffAdmin', id) });
  return { id, name: a.name };
}

/**
 * Publishing: the gate admits admins, reviewers and review planners of any
 * module; which notice they may touch is decided by module in the query. A
 * module-A notice is another module's to an exam reviewer: FORBIDDEN (staff
 * may know a notice exists, it is or will be on the public site).
 */
const PUBLISHING: Omit<Coverage, 'input'> = {
  access: { kind: 'staff', roles: ['admin', 'reviewer', 'review_planner'] },
  refused: { ...SIGNED_OUT, ...forbidden(...APPLICANTS, 'staffFinance', 'reviewerExam') },
  allowed: MODULE_A_STAFF,
  probe: 'reviewerAccreditation',
};
/** A module reviewer reaching a platform-wide notice (admins only). */
const platformNotice = (input: (id: string) => unknown, published = false): Extra => ({
  actor: 'reviewerAccreditation',
  code: 'FORBIDDEN',
  why: 'a module-A reviewer on a platform-wide notice (admins only)',
  input: async () => input(await notice({ module: '', published })),
  control: 'staffAdmin',
});

const coverage: Record<string, Coverage> = {
  // --- publications: by module; platform-wide notices are the admins'
  createNoticeDef: {
    ...PUBLISHING,
    // The gate admits an exam reviewer; the module it publishes in must be one of its own.
    input: async () => noticeFields(),
    extra: [
      { actor: 'reviewerAccreditation', code: 'FORBIDDEN', why: 'a module reviewer publishing platform-wide', input: async () => noticeFields({ module: '' }), control: 'staffAdmin' },
      { actor: 'reviewerAccreditation', code: 'FORBIDDEN', why: 'a module-A reviewer publishing in module D', input: async () => noticeFields({ module: 'exam' }), control: 'reviewerExam' },
    ],
  },
  updateNoticeDef: {
    ...PUBLISHING,
    input: async () => ({ ...noticeFields({ title: '改后的标题' }), id: await notice() }),
    extra: [
      { actor: 'reviewerExam', code: 'FORBIDDEN', why: "an exam reviewer moving a module-A notice into its own module", input: async () => ({ ...noticeFields({ module: 'exam' }), id: await notice() }) },
      { actor: 'reviewerAccreditation', code: 'FORBIDDEN', why: 'a module-A reviewer making its notice platform-wide', input: async () => ({ ...noticeFields({ module: '' }), id: await notice() }), control: 'staffAdmin' },
      platformNotice((id) => ({ ...noticeFields({ module: '' }), id })),
    ],
  },
  publishNoticeDef: { ...PUBLISHING, input: async () => ({ id: await notice() }), extra: [platformNotice((id) => ({ id }))] },
  unpublishNoticeDef: { ...PUBLISHING, input: async () => ({ id: await notice({ published: true }) }), extra: [platformNotice((id) => ({ id }), true)] },
  deleteNoticeDef: {
    ...PUBLISHING,
    // With an attachment: a refusal must leave the stored file too.
    input: async () => ({ id: (await noticeWithAttachment()).id }),
    extra: [platformNotice((id) => ({ id }))],
  },
  removeAttachmentDef: {
    ...PUBLISHING,
    input: async () => {
      const n = await noticeWithAttachment();
      return { id: n.id, index: 0, name: n.name };
    },
    extra: [
      {
        actor: 'reviewerAccreditation',
        code: 'FORBIDDEN',
        why: "a module-A reviewer removing a platform-wide notice's attachment",
        input: async () => {
          const n = await noticeWithAttachment({ module: '' });
          return { id: n.id, index: 0, name: n.name };
        },
        control: 'staffAdmin',
      },
    ],
  },
  requestAttachmentUploadDef: {
    ...PUBLISHING,
    input: async () => ({ id: await notice(), fileName: '评审程序.pdf', size: PDF.byteLength, contentType: 'application/pdf' }),
    // Writes nothing until the upload completes: the grant must be real, so it is used to the end.
    readOnly: {
      check: async (d) => {
        const grant = d as { url: string; headers: Record<string, string>; ticket: string };
        expect((await fetch(grant.url, { method: 'PUT', body: Buffer.from(PDF), headers: grant.headers })).status).toBe(200);
        expect(await completeAttachmentUpload(ctx.h.db, await getStorage(), await actor('reviewerAccreditation'), { ticket: grant.ticket })).toMatchObject({ index: 0, name: '评审程序.pdf' });
      },
    },
    extra: [platformNotice((id) => ({ id, fileName: '评审程序.pdf', size: PDF.byteLength, contentType: 'application/pdf' }))],
  },
  completeAttachmentUploadDef: {
    ...PUBLISHING,
    // A module-A reviewer's ticket, its file already PUT to the store.
    input: async () => ({ ticket: await putAttachment('reviewerAccreditation', await notice()) }),
    // The ticket is bound to the account that asked for it: nobody else completes it, an admin included.
    refused: { ...PUBLISHING.refused, ...forbidden('staffNonAdmin', 'staffAdmin') },
    allowed: ['reviewerAccreditation'],
  },
};

const routeChecks: Checks = {
  "信息发布's export (exportStaffNotices): staff who publish somewhere": async () => {
    await noticeWithAttachment();
    await expectGuard((a) => exportStaffNotices(ctx.h.db, a, staffNoticeFilterFrom({}), 10), { ...outcomes(['staffNonAdmin', 'reviewerAccreditation', 'reviewerExam', 'staffAdmin'], 'FORBIDDEN'), ...SIGNED_OUT });
  },
  "a notice attachment (authorizeAttachmentRead): a draft's for its module's publishers only, a published one's for everyone": async () => {
    const draft = await noticeWithAttachment();
    await expectGuard((a) => authorizeAttachmentRead(ctx.h.db, a, draft.id, '0'), outcomes(MODULE_A_STAFF));
    const published = await noticeWithAttachment({ published: true });
    await expectGuard((a) => authorizeAttachmentRead(ctx.h.db, a, published.id, '0'), outcomes([...ACTOR_KEYS]));
  },
};

export const area = defineArea({
  owns: ['lib/modules/publications'],
  coverage,
  guardedRoutes: {
    'app/api/notices/[id]/attachments/[index]/route.ts': 'authorizeAttachmentRead(',
    'app/staff/(main)/notices/export/route.ts': 'exportStaffNotices(',
  },
  checks: { routes: routeChecks },
});
