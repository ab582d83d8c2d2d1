import { z } from 'zod';
import { uuidSchema } from '@/lib/platform/schemas';

/** Inputs of the document actions (shared by the upload field and the server). */
const slotKey = z.string().regex(/^[a-z][a-z0-9_]*$/).max(64);
const applicationId = uuidSchema().nullish();

export const requestUploadSchema = z.object({
  applicationId,
  slot: slotKey,
  fileName: z.string().trim().min(1).max(255),
  size: z.number().int().min(0),
  contentType: z.string().max(200).default(''),
  replaceId: uuidSchema().nullish(),
});
export type RequestUploadInput = z.input<typeof requestUploadSchema>;

export const completeUploadSchema = z.object({ ticket: z.string().min(20).max(4000) });
export const documentIdSchema = z.object({ id: uuidSchema() });
export const slotTargetSchema = z.object({ applicationId, slot: slotKey });
export type SlotTargetInput = z.input<typeof slotTargetSchema>;
export const phoneUploadIdSchema = z.object({ id: uuidSchema() });

/** What the browser sees of a stored file (never its storage key). */
export type DocumentSummary = {
  id: string;
  slot: string;
  fileName: string;
  contentType: string;
  size: number;
  version: number;
  status: string;
  source: string;
  createdAt: string;
  href: string;
};
