'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { RemoveAttachmentInput } from '../schemas';
import { removeAttachmentDef } from '../services/remove-attachment';

export async function removeAttachmentAction(input: RemoveAttachmentInput) {
  return bindAction(removeAttachmentDef)(input);
}
