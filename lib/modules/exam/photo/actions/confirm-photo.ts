'use server';
import type { z } from 'zod';
import { bindAction } from '@/lib/platform/auth/actions';
import { confirmPhotoDef } from '../services/confirm-photo';

export async function confirmPhotoAction(input: z.input<(typeof confirmPhotoDef)['schema']>) {
  return bindAction(confirmPhotoDef)(input);
}
