'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { ImportLegacyInput } from '../legacy-schemas';
import { importLegacyDef } from '../services/import-legacy';

export async function importLegacyAction(input: ImportLegacyInput) {
  return bindAction(importLegacyDef)(input);
}
