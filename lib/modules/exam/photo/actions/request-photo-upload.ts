'use server';
import type { z } from 'zod';
import { bindAction } from '@/lib/platform/auth/actions';
import { requestPhotoUploadDef } from '../services/upload-photo';

export async function requestPhotoUploadAction(input: z.input<(typeof requestPhotoUploadDef)['schema']>) {
  return bindAction(requestPhotoUploadDef)(input);
}
