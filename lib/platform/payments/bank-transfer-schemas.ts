import { z } from 'zod';
import { uuidSchema } from '../schemas';
import { mobileSchema } from '@/lib/reference/validators';

/** Inputs of the bank-transfer actions (shared by the forms and the server; no server imports). */
export const submitBankTransferSchema = z.object({
  orderId: uuidSchema(),
  /** The screenshot, uploaded first to the bank_transfer_screenshot slot (content-checked there). */
  documentId: uuidSchema(),
  mobile: mobileSchema,
});
export type SubmitBankTransferInput = z.input<typeof submitBankTransferSchema>;

export const confirmBankTransferSchema = z.object({ transferId: uuidSchema() });

export const REJECT_REASON_MAX = 500;
export const rejectBankTransferSchema = z.object({
  transferId: uuidSchema(),
  reason: z.string({ error: '请填写退回原因' }).trim().min(1, '请填写退回原因').max(REJECT_REASON_MAX, '退回原因不能超过500个字'),
});
