import { and, eq, isNull } from 'drizzle-orm';
import sharp from 'sharp';
import { documents, type DocumentRow } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { AppError } from '@/lib/platform/errors';
import type { Storage } from '@/lib/platform/storage';
import { PHOTO_MAX_SOURCE_PIXELS, PHOTO_MIN_SOURCE } from '@/lib/modules/exam/photo/standard';
import { PERSONNEL_PHOTO_SLOT } from './photo-slot';

/**
 * The personnel photo (seed 002 §1A): a JPG or PNG of at most 5 MB, uploaded
 * from the computer or from a phone by QR code into the personal slot
 * `personnel_photo` (the platform's upload checks the real content and the
 * size). Saving the profile checks it further: a decodable image at least as
 * large as module D's ID-photo source minimum (215 × 300 px after EXIF
 * rotation), so it prints sharply on the application form and the certificate.
 */
export { PERSONNEL_PHOTO_SLOT, personnelPhotoSlot } from './photo-slot';

const refuse = (message: string) => new AppError('BAD_INPUT', { fieldErrors: { photoDocumentId: [message] } });

/** The person's current photo document of the slot (their own), or null. */
export async function photoDocument(db: DbOrTx, userId: string, documentId: string): Promise<DocumentRow | null> {
  const [row] = await db
    .select()
    .from(documents)
    .where(and(eq(documents.id, documentId), eq(documents.ownerUserId, userId), isNull(documents.applicationId), eq(documents.slot, PERSONNEL_PHOTO_SLOT), eq(documents.status, 'current')));
  return row ?? null;
}

/** Checks a stored photo's pixels; throws a field error on the photo otherwise. */
export async function checkPhoto(storage: Storage, doc: DocumentRow): Promise<void> {
  const bytes = await storage.get(doc.storageKey);
  if (!bytes) throw refuse('照片文件不存在，请重新上传');
  let meta;
  try {
    meta = await sharp(bytes, { limitInputPixels: PHOTO_MAX_SOURCE_PIXELS }).metadata();
  } catch {
    throw refuse('照片无法识别，请上传 JPG 或 PNG 格式的照片');
  }
  if (meta.format !== 'jpeg' && meta.format !== 'png') throw refuse('照片无法识别，请上传 JPG 或 PNG 格式的照片');
  const { width, height } = meta.autoOrient ?? { width: meta.width ?? 0, height: meta.height ?? 0 };
  if (width < PHOTO_MIN_SOURCE.width || height < PHOTO_MIN_SOURCE.height) throw refuse(`照片像素过小（${width}×${height}），至少需要 ${PHOTO_MIN_SOURCE.width}×${PHOTO_MIN_SOURCE.height} 像素，拍照时请调整分辨率`);
}

/**
 * A photo as the PDFs print it: EXIF-rotated, cropped to the ID ratio
 * (3:4.2), small JPEG as a data URL; null when it cannot be read.
 */
export async function photoDataUrl(storage: Storage, storageKey: string): Promise<string | null> {
  const bytes = await storage.get(storageKey).catch(() => null);
  if (!bytes) return null;
  try {
    const jpeg = await sharp(bytes, { autoOrient: true, limitInputPixels: PHOTO_MAX_SOURCE_PIXELS }).resize(300, 420, { fit: 'cover', position: 'attention' }).jpeg({ quality: 82 }).toBuffer();
    return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
  } catch {
    return null;
  }
}

/** The photo of a document id (any owner: callers have already scoped who asks), as a data URL. */
export async function photoDataUrlOf(db: DbOrTx, storage: Storage, documentId: string | null | undefined): Promise<string | null> {
  if (!documentId) return null;
  const [row] = await db.select({ key: documents.storageKey }).from(documents).where(eq(documents.id, documentId));
  return row ? photoDataUrl(storage, row.key) : null;
}
