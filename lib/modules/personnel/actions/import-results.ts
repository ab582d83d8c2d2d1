'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { ImportResultsInput } from '../results/schemas';
import { importResultsDef } from '../results/services/results';

export async function importResultsAction(input: ImportResultsInput) {
  return bindAction(importResultsDef)(input);
}
