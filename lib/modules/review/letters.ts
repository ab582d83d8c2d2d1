import { and, desc, eq } from 'drizzle-orm';
import { createTranslator } from 'next-intl';
import { reviewInvitations, reviewNotices, reviewRounds, reviewTeamMembers } from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { AppLocale } from '@/i18n/config';
import { messagesFor } from '@/messages/catalog';
import type { Actor } from '@/lib/platform/auth/actor';
import { audit } from '@/lib/platform/audit';
import { AppError, isAppError } from '@/lib/platform/errors';
import { PDF_BATCH_MAX, renderPdfBatch } from '@/lib/platform/pdf/batch';
import { isUuid } from '@/lib/platform/schemas';
import { getApplicationFor } from '@/lib/platform/workflow';
import { REVIEW_PROJECT } from './constants';
import { canSeeReviewStaffPages } from './access';
import { negotiationLetter, reviewNotice, type NegotiationLetterProps, type ReviewNoticeProps } from './pdf/templates';
import type { ReviewProjectData } from './schemas';
import { associationName } from './settings';

/**
 * What the negotiation letter and the review notice of a round say, for
 * whoever may see the project (its unit's accounts with the module, review
 * staff); anyone else — and a round without an approved invitation or a
 * notice — gets NOT_FOUND.
 */
async function roundOf(db: DbOrTx, actor: Actor, id: string, round: number | undefined) {
  const app = await getApplicationFor(db, actor, id);
  if (app.kind !== REVIEW_PROJECT) throw new AppError('NOT_FOUND');
  const [r] = await db
    .select()
    .from(reviewRounds)
    .where(and(eq(reviewRounds.applicationId, app.id), round ? eq(reviewRounds.number, round) : undefined))
    .orderBy(desc(reviewRounds.number))
    .limit(1);
  if (!r) throw new AppError('NOT_FOUND');
  return { app, round: r, data: app.data as ReviewProjectData };
}

export async function letterPdfFor(db: DbOrTx, actor: Actor, id: string, round: number | undefined, locale: AppLocale): Promise<{ props: NegotiationLetterProps; fileName: string }> {
  const { app, round: r, data } = await roundOf(db, actor, id, round);
  const [inv] = await db
    .select()
    .from(reviewInvitations)
    .where(and(eq(reviewInvitations.roundId, r.id), eq(reviewInvitations.status, 'approved')));
  if (!inv) throw new AppError('NOT_FOUND');
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'review' });
  const props: NegotiationLetterProps = {
    number: app.number,
    round: r.number,
    unitName: data.unitName || app.applicantName,
    address: data.address ?? '',
    contactName: data.contactName ?? '',
    contactMobile: data.contactMobile ?? '',
    reviewType: data.reviewType ? t(`options.reviewType.${data.reviewType}` as never) : '',
    acceptanceCategory: data.acceptanceCategory ? t(`options.acceptanceCategory.${data.acceptanceCategory}` as never) : '',
    acceptanceNumber: data.acceptanceNumber ?? '',
    expectedDate: inv.expectedDate,
    date: inv.decidedAt ?? inv.createdAt,
    issuer: await associationName(db),
  };
  return { props, fileName: `${t('pdf.letter.title')}-${app.number}${r.number > 1 ? `-${r.number}` : ''}.pdf` };
}

export async function noticePdfFor(db: DbOrTx, actor: Actor, id: string, round: number | undefined, locale: AppLocale): Promise<{ props: ReviewNoticeProps; fileName: string }> {
  const { app, round: r, data } = await roundOf(db, actor, id, round);
  const [notice] = await db.select().from(reviewNotices).where(eq(reviewNotices.roundId, r.id));
  if (!notice) throw new AppError('NOT_FOUND');
  const team = await db.select().from(reviewTeamMembers).where(eq(reviewTeamMembers.noticeId, notice.id));
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'review' });
  const props: ReviewNoticeProps = {
    number: app.number,
    round: r.number,
    unitName: data.unitName || app.applicantName,
    startDate: notice.startDate,
    endDate: notice.endDate,
    location: notice.location,
    note: notice.note,
    team: [...team].sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name, 'zh-CN') : a.role === 'leader' ? -1 : 1)).map((m) => ({ name: m.name, role: m.role as 'leader' | 'reviewer' })),
    date: notice.issuedAt,
    issuer: await associationName(db),
  };
  return { props, fileName: `${t('pdf.notice.title')}-${app.number}${r.number > 1 ? `-${r.number}` : ''}.pdf` };
}

export const REVIEW_LETTER_TYPES = ['letter', 'notice'] as const;
export type ReviewLetterType = (typeof REVIEW_LETTER_TYPES)[number];

/**
 * 批量打印: the current round's 协商函 (`letter`) or 评审通知函 (`notice`) of
 * the selected projects as ONE PDF, for module-E staff and admins. Every
 * project must be within the reader's view and hold that letter, else the
 * whole batch is refused (NOT_FOUND naming how many lack it). At most
 * PDF_BATCH_MAX per PDF. Audited.
 */
export async function reviewLettersBatchPdf(
  db: DbOrTx,
  actor: Actor,
  type: ReviewLetterType,
  ids: readonly string[],
  opts: { locale?: AppLocale; ip?: string | null } = {},
): Promise<{ buffer: Buffer; count: number }> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (!canSeeReviewStaffPages(actor)) throw new AppError('FORBIDDEN');
  const unique = [...new Set(ids)];
  if (unique.length === 0 || unique.length > PDF_BATCH_MAX) throw new AppError('BAD_INPUT', { messageKey: 'review.errors.batchSize', params: { max: PDF_BATCH_MAX } });
  if (!unique.every(isUuid)) throw new AppError('NOT_FOUND');
  const locale = opts.locale ?? 'zh-CN';
  const props: Array<NegotiationLetterProps | ReviewNoticeProps> = [];
  let missing = 0;
  for (const id of unique) {
    try {
      props.push((type === 'letter' ? await letterPdfFor(db, actor, id, undefined, locale) : await noticePdfFor(db, actor, id, undefined, locale)).props);
    } catch (e) {
      if (!(isAppError(e) && e.code === 'NOT_FOUND')) throw e;
      missing++;
    }
  }
  if (missing > 0) throw new AppError('NOT_FOUND', { messageKey: `review.errors.batchWithout.${type}`, params: { count: missing } });
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'review' });
  const template = type === 'letter' ? negotiationLetter : reviewNotice;
  const buffer = await renderPdfBatch(template, props, { locale, issuer: props[0].issuer, title: t(`pdf.${type}.title`) });
  await audit(db, { action: 'review.letters.batchPrinted', actorId: actor.id, targetType: 'application', ip: opts.ip ?? null, detail: { type, count: props.length, numbers: props.map((p) => p.number) } });
  return { buffer, count: props.length };
}
