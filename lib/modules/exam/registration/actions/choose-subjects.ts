'use server';
import type { z } from 'zod';
import { bindAction } from '@/lib/platform/auth/actions';
import { chooseSubjectsDef } from '../services/registration';

export async function chooseSubjectsAction(input: z.input<(typeof chooseSubjectsDef)['schema']>) {
  return bindAction(chooseSubjectsDef)(input);
}
