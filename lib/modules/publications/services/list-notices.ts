import { and, count, desc, eq, gt, ilike, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { notices, type Notice } from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import { isModuleKey } from '@/lib/platform/modules';
import { attachmentHref, dateToShanghaiLocal, isNoticeCategory, noticeStatus, NOTICE_STATUSES, type AttachmentSummary, type NoticeStatus } from '../schemas';
import { editableScope, loadEditable } from './access';

/** The staff list's filters, from the query string: module ('platform' = platform-wide), category, status, title search, page. */
export type StaffNoticeFilter = { module?: string; category?: string; status?: NoticeStatus; q?: string; page: number };

export const STAFF_PAGE_SIZE = 20;

export function staffNoticeFilterFrom(sp: Record<string, string | string[] | undefined>): StaffNoticeFilter {
  const one = (k: string) => (typeof sp[k] === 'string' ? (sp[k] as string).trim() : '');
  const mod = one('module');
  const category = one('category');
  const status = one('status');
  const page = Number.parseInt(one('page'), 10);
  return {
    module: mod === 'platform' || isModuleKey(mod) ? mod : undefined,
    category: isNoticeCategory(category) ? category : undefined,
    status: (NOTICE_STATUSES as readonly string[]).includes(status) ? (status as NoticeStatus) : undefined,
    q: one('q').slice(0, 100) || undefined,
    page: Number.isFinite(page) && page > 0 ? Math.min(page, 10_000) : 1,
  };
}

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

function statusWhere(status: NoticeStatus | undefined): SQL | undefined {
  if (status === 'draft') return isNull(notices.publishedAt);
  if (status === 'scheduled') return gt(notices.publishedAt, sql`now()`);
  if (status === 'published') return and(isNotNull(notices.publishedAt), lte(notices.publishedAt, sql`now()`));
  return undefined;
}

export type StaffNoticeRow = Pick<Notice, 'id' | 'title' | 'module' | 'category' | 'publishedAt' | 'updatedAt'> & { attachmentCount: number; status: NoticeStatus };

function staffWhere(scope: SQL, f: StaffNoticeFilter): SQL | undefined {
  return and(
    scope,
    f.module === 'platform' ? isNull(notices.module) : f.module ? eq(notices.module, f.module) : undefined,
    f.category ? eq(notices.category, f.category) : undefined,
    statusWhere(f.status),
    f.q ? ilike(notices.title, `%${escapeLike(f.q)}%`) : undefined,
  );
}

async function staffRows(db: DbOrTx, where: SQL | undefined, limit: number, offset: number): Promise<StaffNoticeRow[]> {
  const rows = await db
    .select({
      id: notices.id,
      title: notices.title,
      module: notices.module,
      category: notices.category,
      publishedAt: notices.publishedAt,
      updatedAt: notices.updatedAt,
      attachmentCount: sql<number>`jsonb_array_length(${notices.attachments})`.mapWith(Number),
    })
    .from(notices)
    .where(where)
    .orderBy(desc(notices.updatedAt), desc(notices.id))
    .limit(limit)
    .offset(offset);
  const now = new Date();
  return rows.map((r) => ({ ...r, status: noticeStatus(r.publishedAt, now) }));
}

/** The notices `actor` may edit, newest change first, filtered and paged; nothing for staff who publish nowhere. */
export async function listStaffNotices(db: DbOrTx, actor: Actor, f: StaffNoticeFilter): Promise<{ rows: StaffNoticeRow[]; total: number; page: number; pages: number }> {
  const scope = editableScope(actor);
  if (!scope) return { rows: [], total: 0, page: 1, pages: 1 };
  const where = staffWhere(scope, f);
  const [{ n }] = await db.select({ n: count() }).from(notices).where(where);
  const pages = Math.max(1, Math.ceil(n / STAFF_PAGE_SIZE));
  const page = Math.min(f.page, pages);
  return { rows: await staffRows(db, where, STAFF_PAGE_SIZE, (page - 1) * STAFF_PAGE_SIZE), total: n, page, pages };
}

/** The staff list's export: the same notices and filter without pages, up to `limit`; FORBIDDEN for staff who publish nowhere (the page says so too). */
export async function exportStaffNotices(db: DbOrTx, actor: Actor, f: StaffNoticeFilter, limit: number): Promise<StaffNoticeRow[]> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  const scope = editableScope(actor);
  if (!scope) throw new AppError('FORBIDDEN');
  return staffRows(db, staffWhere(scope, f), limit, 0);
}

export function attachmentSummaries(n: Pick<Notice, 'id' | 'attachments'>): AttachmentSummary[] {
  return n.attachments.map((a, index) => ({ index, name: a.name, size: a.size, contentType: a.contentType, href: attachmentHref(n.id, index) }));
}

/** What the editor needs of a notice (plain values for a client component; never storage keys). */
export type NoticeEditorData = {
  id: string;
  title: string;
  module: string;
  category: string;
  body: string;
  publishAt: string;
  status: NoticeStatus;
  publishedAt: string | null;
  updatedAt: string;
  attachments: AttachmentSummary[];
};

export function toEditorData(n: Notice, now = new Date()): NoticeEditorData {
  return {
    id: n.id,
    title: n.title,
    module: n.module ?? '',
    category: n.category,
    body: n.body,
    publishAt: n.publishedAt ? dateToShanghaiLocal(n.publishedAt) : '',
    status: noticeStatus(n.publishedAt, now),
    publishedAt: n.publishedAt?.toISOString() ?? null,
    updatedAt: n.updatedAt.toISOString(),
    attachments: attachmentSummaries(n),
  };
}

/** The notice for the edit page: FORBIDDEN / NOT_FOUND like every mutation. */
export async function getEditableNotice(db: DbOrTx, actor: Actor, id: string): Promise<NoticeEditorData> {
  return toEditorData(await loadEditable(db, actor, id));
}
