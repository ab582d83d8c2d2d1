import crypto from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { applications, documents, phoneUploads, users } from '@/db/schema';
import type { Db, DbOrTx } from '@/db';
import { defineAction, type Applicant } from '../../auth/action-core';
import type { Actor } from '../../auth/actor';
import { env } from '../../env';
import { AppError } from '../../errors';
import { isModuleKey } from '../../modules';
import { hit } from '../../rate-limit';
import type { Storage } from '../../storage';
import { requireApplicant, resolveWriteTarget } from '../access';
import { isUuid } from '../../schemas';
import { cleanFileName, inspectContent } from '../content';
import { phoneUploadIdSchema, slotTargetSchema, type DocumentSummary, type SlotTargetInput } from '../schemas';
import type { SlotSpec } from '../slots';
import { commitDocument, newObjectKey, putOrFail } from '../store';
import { toSummary } from './list-documents';

/**
 * Phone upload by QR code (seed 002 §1A): the desktop page asks for a
 * short-lived, single-use link, shows it as a QR code and polls; the phone
 * opens the link without signing in (the token is the credential) and sends
 * a photo through the same content checks. Only the token's SHA-256 is stored.
 */
export const PHONE_UPLOAD_TTL_SECONDS = 600;
const STARTS_PER_HOUR = 30;
const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
const plausibleToken = (token: string) => /^[A-Za-z0-9_-]{20,100}$/.test(token);

export type PhoneUploadStart = { id: string; url: string; qr: string; expiresAt: string };

export async function startPhoneUpload(db: Db, actorIn: Actor, input: SlotTargetInput, appUrl = env().APP_URL): Promise<PhoneUploadStart> {
  const actor = requireApplicant(actorIn);
  const target = await resolveWriteTarget(db, actor, input);
  const limit = await hit(db, `phone-upload:${actor.id}`, 3600);
  if (limit.count > STARTS_PER_HOUR) throw new AppError('RATE_LIMITED', { params: { seconds: limit.retryAfterSec } });
  const token = crypto.randomBytes(32).toString('base64url');
  const [row] = await db
    .insert(phoneUploads)
    .values({
      tokenHash: hashToken(token),
      userId: actor.id,
      applicationId: target.applicationId,
      slot: target.slot.key,
      expiresAt: sql`now() + make_interval(secs => ${PHONE_UPLOAD_TTL_SECONDS})`,
    })
    .returning({ id: phoneUploads.id, expiresAt: phoneUploads.expiresAt });
  const url = `${appUrl.replace(/\/$/, '')}/m/upload/${token}`;
  const qr = await QRCode.toDataURL(url, { margin: 1, width: 240, errorCorrectionLevel: 'M' });
  return { id: row.id, url, qr, expiresAt: row.expiresAt.toISOString() };
}

export const startPhoneUploadDef = defineAction({
  access: { kind: 'applicant' },
  schema: slotTargetSchema,
  handler: ({ db, actor, input }) => startPhoneUpload(db, actor, input),
});

export type PhoneUploadPoll = { status: 'pending' | 'done' | 'expired'; expiresAt: string; document?: DocumentSummary };

/** The desktop's poll: only the account that started it sees it. */
export async function pollPhoneUpload(db: DbOrTx, actorIn: Actor, input: { id: string }): Promise<PhoneUploadPoll> {
  const actor = requireApplicant(actorIn);
  if (!isUuid(input.id)) throw new AppError('NOT_FOUND');
  const [row] = await db
    .select({ pu: phoneUploads, doc: documents, expired: sql<boolean>`${phoneUploads.expiresAt} <= now()` })
    .from(phoneUploads)
    .leftJoin(documents, eq(documents.id, phoneUploads.documentId))
    .where(and(eq(phoneUploads.id, input.id), eq(phoneUploads.userId, actor.id)));
  if (!row) throw new AppError('NOT_FOUND');
  const expiresAt = row.pu.expiresAt.toISOString();
  if (row.doc) return { status: 'done', expiresAt, document: toSummary(row.doc) };
  return { status: row.expired || row.pu.usedAt ? 'expired' : 'pending', expiresAt };
}

export const pollPhoneUploadDef = defineAction({
  access: { kind: 'applicant' },
  schema: phoneUploadIdSchema,
  handler: ({ db, actor, input }) => pollPhoneUpload(db, actor, input),
});

export type PhoneLinkState =
  | { state: 'ready'; slot: SlotSpec; expiresAt: string; applicationNumber: string | null }
  | { state: 'used' | 'expired' | 'invalid' };

/** The applicant behind a link, as an actor (the phone has no session; the token stands for one). */
function applicantOf(u: typeof users.$inferSelect): Applicant | null {
  if (u.status !== 'active') return null;
  const base = { id: u.id, name: u.name, sessionId: 'phone-upload', mustChangePassword: false };
  if (u.kind === 'individual') return { ...base, kind: 'individual' };
  if (u.kind === 'organization' && u.orgId) return { ...base, kind: 'organization', orgId: u.orgId, isMain: u.isOrgMain, modules: u.modules.filter(isModuleKey) };
  return null;
}

async function linkOf(db: DbOrTx, token: string) {
  if (!plausibleToken(token)) return undefined;
  const [row] = await db
    .select({ pu: phoneUploads, user: users, number: applications.number, expired: sql<boolean>`${phoneUploads.expiresAt} <= now()` })
    .from(phoneUploads)
    .innerJoin(users, eq(users.id, phoneUploads.userId))
    .leftJoin(applications, eq(applications.id, phoneUploads.applicationId))
    .where(eq(phoneUploads.tokenHash, hashToken(token)));
  return row;
}

/** What the phone page shows for a link (does not use it). */
export async function phoneLinkState(db: Db, token: string): Promise<PhoneLinkState> {
  const row = await linkOf(db, token);
  if (!row) return { state: 'invalid' };
  if (row.pu.usedAt) return { state: 'used' };
  if (row.expired) return { state: 'expired' };
  const actor = applicantOf(row.user);
  if (!actor) return { state: 'invalid' };
  try {
    const target = await resolveWriteTarget(db, actor, { applicationId: row.pu.applicationId, slot: row.pu.slot });
    return { state: 'ready', slot: target.slot, expiresAt: row.pu.expiresAt.toISOString(), applicationNumber: row.number };
  } catch {
    return { state: 'invalid' };
  }
}

const linkError = (state: 'used' | 'expired' | 'invalid') =>
  new AppError(state === 'invalid' ? 'NOT_FOUND' : 'INVALID_STATE', {
    messageKey: state === 'used' ? 'documents.errors.phoneLinkUsed' : state === 'expired' ? 'documents.errors.phoneLinkExpired' : 'documents.errors.phoneLinkInvalid',
  });

/** The slot a live link uploads to (for the route to cap the body before reading it); throws for a dead link. */
export async function phoneLinkSlot(db: Db, token: string): Promise<SlotSpec> {
  const s = await phoneLinkState(db, token);
  if (s.state !== 'ready') throw linkError(s.state);
  return s.slot;
}

/**
 * The phone's upload: the link must be live; the bytes pass the slot's
 * checks (a refused file stores nothing and leaves the link usable); the
 * object is stored, then in one transaction the link is used up and the row
 * written — a second use of the link is refused.
 */
export async function completePhoneUpload(db: Db, storage: Storage, input: { token: string; fileName: string; bytes: Uint8Array }): Promise<DocumentSummary> {
  const row = await linkOf(db, input.token);
  if (!row) throw linkError('invalid');
  if (row.pu.usedAt) throw linkError('used');
  if (row.expired) throw linkError('expired');
  const actor = applicantOf(row.user);
  if (!actor) throw linkError('invalid');
  const target = await resolveWriteTarget(db, actor, { applicationId: row.pu.applicationId, slot: row.pu.slot });
  const file = await inspectContent(target.slot, input.bytes, cleanFileName(input.fileName));
  const key = newObjectKey('files');
  await putOrFail(storage, key, input.bytes, file.mime);
  const doc = await commitDocument(db, storage, { target, key, file, uploadedBy: actor.id, source: 'phone' }, async (tx, d) => {
    const used = await tx
      .update(phoneUploads)
      .set({ usedAt: sql`now()`, documentId: d.id })
      .where(and(eq(phoneUploads.id, row.pu.id), isNull(phoneUploads.usedAt), gt(phoneUploads.expiresAt, sql`now()`)))
      .returning({ id: phoneUploads.id });
    if (!used.length) throw linkError('used');
  });
  return toSummary(doc);
}
