import { and, eq, inArray, isNull, or, ne } from 'drizzle-orm';
import { isUuid } from '../schemas';
import { certificates, type Certificate } from '@/db/schema';
import type { Db, DbOrTx } from '@/db';
import type { AppLocale } from '@/i18n/config';
import type { Actor } from '../auth/actor';
import { AppError } from '../errors';
import { CERTIFICATE_PDF } from '../job-types';
import { defineJob } from '../jobs';
import { audit } from '../audit';
import { PDF_BATCH_MAX, renderPdfBatch } from '../pdf/batch';
import { pdfIssuer, pdfTemplate, renderPdf } from '../pdf/registry';
import { getStorage, type Storage } from '../storage';
import { readScope } from './access';
import { subjectRows, typeName } from './present';
import { findCertificateType } from './registry';

/** The object key of a certificate's PDF version: derived from the row, so a retried job overwrites nothing new. */
export const certificatePdfKey = (id: string, version: number) => `generated/certificates/${id}/v${version}.pdf`;

/**
 * The certificate as a PDF. A type that prints its holder's photo
 * (`photo` in its registration) gets it from `storage`; without storage
 * the photo box stays empty.
 */
export async function renderCertificatePdf(db: DbOrTx, row: Certificate, locale: AppLocale = 'zh-CN', storage?: Storage): Promise<Buffer> {
  const type = findCertificateType(row.type);
  const photo = type?.photo ? (storage ? await type.photo({ db, storage, certificate: row }) : null) : undefined;
  return renderPdf(
    'certificate',
    {
      number: row.number,
      token: row.token,
      typeName: typeName(row.type, locale),
      holderName: row.holderName,
      subject: subjectRows(row.type, row.subject, locale),
      issuedAt: row.issuedAt,
      validUntil: row.validUntil,
      version: row.version,
      renewedAt: row.renewedAt,
      photo,
    },
    { locale, issuer: await pdfIssuer(db, locale) },
  );
}

export const certificateFileName = (row: Pick<Certificate, 'type' | 'number'>, locale: AppLocale = 'zh-CN') => `${typeName(row.type, locale)}-${row.number}.pdf`;

/**
 * After commit (the outbox worker): stores the PDF of the version the job was
 * enqueued for and records its key with a conditional UPDATE. A retry finds the
 * key recorded and does nothing; a job overtaken by a renewal does nothing.
 * A type no module has registered yet in this process is retried later rather
 * than printed with a generic title.
 */
export async function storeCertificatePdf(db: Db, storage: Storage, certificateId: string, version: number): Promise<'stored' | 'skipped'> {
  const [row] = await db.select().from(certificates).where(eq(certificates.id, certificateId));
  if (!row || row.version !== version || (row.pdfKey && row.pdfVersion === version)) return 'skipped';
  if (!findCertificateType(row.type)) throw new Error(`certificate type ${row.type} is not registered in this process`);
  const key = certificatePdfKey(row.id, version);
  await storage.put(key, await renderCertificatePdf(db, row, 'zh-CN', storage), 'application/pdf');
  await db
    .update(certificates)
    .set({ pdfKey: key, pdfVersion: version })
    .where(and(eq(certificates.id, row.id), eq(certificates.version, version), or(isNull(certificates.pdfVersion), ne(certificates.pdfVersion, version))));
  return 'stored';
}

/** Stores a certificate version's PDF after commit (registered by the platform manifest). */
export const certificatePdfJob = defineJob(CERTIFICATE_PDF, async (db, payload, ctx) => {
  await storeCertificatePdf(db, ctx.storage ?? (await getStorage()), payload.certificateId, payload.version);
});

/**
 * The PDF for a download: only within the reader's scope (holder, or staff of
 * the module; NOT_FOUND otherwise). The stored file of the current version,
 * or, before the job has run, rendered on demand.
 */
export async function certificatePdfFor(db: DbOrTx, storage: Storage | (() => Promise<Storage>), actor: Actor, certificateId: string, locale: AppLocale = 'zh-CN'): Promise<{ buffer: Uint8Array; fileName: string; number: string; source: 'stored' | 'rendered' }> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (!isUuid(certificateId)) throw new AppError('NOT_FOUND');
  const [row] = await db.select().from(certificates).where(and(eq(certificates.id, certificateId), readScope(actor)));
  if (!row) throw new AppError('NOT_FOUND');
  const fileName = certificateFileName(row, locale);
  const s = async () => (typeof storage === 'function' ? await storage() : storage);
  if (row.pdfKey && row.pdfVersion === row.version && locale === 'zh-CN') {
    const stored = await (await s()).get(row.pdfKey);
    if (stored) return { buffer: stored, fileName, number: row.number, source: 'stored' };
  }
  const photoStorage = findCertificateType(row.type)?.photo ? await s() : undefined;
  return { buffer: await renderCertificatePdf(db, row, locale, photoStorage), fileName, number: row.number, source: 'rendered' };
}

/**
 * 批量打印: the selected certificates as one PDF (each as its own would print,
 * one after the other), for staff within their modules. Every id must be
 * within the reader's scope, else NOT_FOUND for the whole batch. Recorded in
 * the audit log (what was printed, by whom).
 */
export async function certificatesBatchPdf(db: DbOrTx, storage: Storage | (() => Promise<Storage>), actor: Actor, ids: readonly string[], opts: { locale?: AppLocale; ip?: string | null } = {}): Promise<{ buffer: Buffer; count: number }> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  const unique = [...new Set(ids)];
  if (unique.length === 0 || unique.length > PDF_BATCH_MAX || !unique.every(isUuid)) throw new AppError('BAD_INPUT');
  const rows = await db.select().from(certificates).where(and(inArray(certificates.id, unique), readScope(actor)));
  if (rows.length !== unique.length) throw new AppError('NOT_FOUND');
  const locale = opts.locale ?? 'zh-CN';
  const ordered = unique.map((id) => rows.find((r) => r.id === id)!);
  const s = async () => (typeof storage === 'function' ? await storage() : storage);
  const props = [];
  for (const row of ordered) {
    const type = findCertificateType(row.type);
    const photo = type?.photo ? await type.photo({ db, storage: await s(), certificate: row }) : undefined;
    props.push({ number: row.number, token: row.token, typeName: typeName(row.type, locale), holderName: row.holderName, subject: subjectRows(row.type, row.subject, locale), issuedAt: row.issuedAt, validUntil: row.validUntil, version: row.version, renewedAt: row.renewedAt, photo });
  }
  const buffer = await renderPdfBatch(pdfTemplate('certificate'), props, { locale, issuer: await pdfIssuer(db, locale), title: typeName(ordered[0].type, locale) });
  await audit(db, { action: 'certificates.batchPrinted', actorId: actor.id, targetType: 'certificate', ip: opts.ip ?? null, detail: { count: ordered.length, numbers: ordered.map((r) => r.number) } });
  return { buffer, count: ordered.length };
}
