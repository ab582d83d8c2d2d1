import crypto from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../errors';
import { declaredKind, FILE_KINDS, formatBytes, type FileKind, type SlotSpec } from './slots';

/**
 * The real-content check: the type comes from the bytes (magic numbers, via
 * file-type), never from the name or the browser's claim.
 */
const KIND_OF_EXT: Record<string, FileKind> = { pdf: 'pdf', jpg: 'jpg', png: 'png', xlsx: 'xlsx' };
const LABEL: Record<string, string> = { pdf: 'PDF', jpg: 'JPG', png: 'PNG', xlsx: 'XLSX', gif: 'GIF', webp: 'WEBP', bmp: 'BMP', zip: 'ZIP', docx: 'DOCX', doc: 'DOC', xls: 'XLS', heic: 'HEIC', tif: 'TIFF', exe: 'EXE' };

/** "PDF/JPG/PNG": language-neutral, so one parameter serves both locales. */
export const typesLabel = (types: readonly FileKind[]) => types.map((k) => LABEL[k]).join('/');

/** Strips any path and control characters from a browser-supplied name; never empty. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base || 'file').slice(0, 200);
}

export function tooLarge(slot: SlotSpec) {
  return new AppError('PAYLOAD_TOO_LARGE', { messageKey: 'documents.errors.tooLarge', params: { max: formatBytes(slot.maxBytes) } });
}
export const emptyFile = () => new AppError('BAD_INPUT', { messageKey: 'documents.errors.empty' });
/** The uploaded object is not the size declared when the upload was granted. */
export const sizeMismatch = () => new AppError('BAD_INPUT', { messageKey: 'documents.errors.sizeMismatch' });

/** Checks a claim before anything is uploaded (name / declared MIME type and declared size). */
export function checkDeclared(slot: SlotSpec, fileName: string, size: number, contentType: string): FileKind {
  if (size <= 0) throw emptyFile();
  if (size > slot.maxBytes) throw tooLarge(slot);
  const kind = declaredKind(fileName, contentType);
  if (!kind || !slot.types.includes(kind)) {
    throw new AppError('UNSUPPORTED_FILE', { messageKey: 'documents.errors.typeNotAllowed', params: { name: fileName, allowed: typesLabel(slot.types) } });
  }
  return kind;
}

export type Inspected = { kind: FileKind; mime: string; size: number; sha256: string; fileName: string };

/**
 * Checks the bytes against the slot: not empty, within the limit, a real type
 * the slot allows, and not named as another type (a PNG called scan.pdf is
 * refused even where PNG is allowed: it would download under a lying name).
 * A name without a known extension gets the real one.
 */
export async function inspectContent(slot: SlotSpec, bytes: Uint8Array, fileName: string): Promise<Inspected> {
  if (bytes.byteLength === 0) throw emptyFile();
  if (bytes.byteLength > slot.maxBytes) throw tooLarge(slot);
  const detected = await fileTypeFromBuffer(bytes);
  const kind = detected ? KIND_OF_EXT[detected.ext] : undefined;
  const allowed = typesLabel(slot.types);
  if (!kind || !slot.types.includes(kind)) {
    const actual = detected ? (LABEL[detected.ext] ?? detected.ext.toUpperCase()) : null;
    throw actual
      ? new AppError('UNSUPPORTED_FILE', { messageKey: 'documents.errors.wrongType', params: { name: fileName, actual, allowed } })
      : new AppError('UNSUPPORTED_FILE', { messageKey: 'documents.errors.unknownType', params: { name: fileName, allowed } });
  }
  const claimed = declaredKind(fileName);
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  // Named as another known type (scan.pdf holding a PNG, photo.gif holding a JPEG): refused.
  if ((claimed && claimed !== kind) || (!claimed && ext && ext in LABEL)) {
    throw new AppError('UNSUPPORTED_FILE', { messageKey: 'documents.errors.nameMismatch', params: { name: fileName, actual: LABEL[kind] } });
  }
  const name = claimed ? fileName : `${fileName}.${FILE_KINDS[kind].extensions[0]}`;
  return { kind, mime: FILE_KINDS[kind].mime, size: bytes.byteLength, sha256: crypto.createHash('sha256').update(bytes).digest('hex'), fileName: name };
}
