'use server';
import type { z } from 'zod';
import { bindAction } from '@/lib/platform/auth/actions';
import { uploadPhotoDef } from '../services/upload-photo';

export async function uploadPhotoAction(input: z.input<(typeof uploadPhotoDef)['schema']>) {
  return bindAction(uploadPhotoDef)(input);
}
