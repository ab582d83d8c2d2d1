/**
 * lib/platform/documents — document slots, uploads with real content checks,
 * versioned replacement, authorized reads and phone upload by QR code.
 *
 * Upload: `requestUpload` (permission + declared size/type → presigned PUT +
 * signed ticket, no row) → browser PUT → `completeUpload` (content check,
 * copy to a server-only key, row in one transaction). Read: `/api/files/<id>`
 * through `authorizeDocumentRead`. Phone: `startPhoneUpload` → QR →
 * `/m/upload/<token>` → `completePhoneUpload`; the desktop polls.
 *
 * Server only; client components import `slots.ts` and `schemas.ts` directly.
 */
export * from './slots';
export { authorizeDocumentRead, readableBy, resolveWriteTarget, type WriteTarget } from './access';
export { inspectContent } from './content';
export type { DocumentSummary } from './schemas';
export { requestUpload, requestUploadDef, type UploadGrant } from './services/request-upload';
export { completeUpload, completeUploadDef } from './services/complete-upload';
export { deleteDocument, deleteDocumentDef } from './services/delete-document';
export { listMyDocuments, listSlotDocuments, listSlotDocumentsDef, toSummary, type MyDocument } from './services/list-documents';
export {
  completePhoneUpload,
  phoneLinkSlot,
  phoneLinkState,
  pollPhoneUpload,
  pollPhoneUploadDef,
  startPhoneUpload,
  startPhoneUploadDef,
  PHONE_UPLOAD_TTL_SECONDS,
  type PhoneLinkState,
} from './services/phone-upload';
