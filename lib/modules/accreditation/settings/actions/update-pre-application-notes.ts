'use server';
import type { z } from 'zod';
import { bindAction } from '@/lib/platform/auth/actions';
import type { preApplicationNotesSchema } from '../schemas';
import { updatePreApplicationNotesDef } from '../services/update-settings';

export async function updatePreApplicationNotesAction(input: z.input<typeof preApplicationNotesSchema>) {
  return bindAction(updatePreApplicationNotesDef)(input);
}
