'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { RequestAttachmentUploadInput } from '../schemas';
import { requestAttachmentUploadDef } from '../services/request-attachment-upload';

export async function requestAttachmentUploadAction(input: RequestAttachmentUploadInput) {
  return bindAction(requestAttachmentUploadDef)(input);
}
