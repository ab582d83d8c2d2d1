'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import { completeAttachmentUploadDef } from '../services/complete-attachment-upload';

export async function completeAttachmentUploadAction(input: { ticket: string }) {
  return bindAction(completeAttachmentUploadDef)(input);
}
