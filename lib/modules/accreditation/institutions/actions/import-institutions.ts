'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { ImportInstitutionsInput } from '../schemas';
import { importInstitutionsDef } from '../services/import-institutions';

export async function importInstitutionsAction(input: ImportInstitutionsInput) {
  return bindAction(importInstitutionsDef)(input);
}
