'use server';
import type { z } from 'zod';
import { bindAction } from '@/lib/platform/auth/actions';
import type { businessFieldsSettingSchema } from '../schemas';
import { updateBusinessFieldsDef } from '../services/update-settings';

export async function updateBusinessFieldsAction(input: z.input<typeof businessFieldsSettingSchema>) {
  return bindAction(updateBusinessFieldsDef)(input);
}
