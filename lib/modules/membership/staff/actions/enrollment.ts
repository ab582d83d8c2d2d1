'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { EnrollmentFileInput, ImportEnrollmentInput } from '../schemas';
import { checkEnrollmentFileDef, importEnrollmentFileDef } from '../services/enrollment';

export async function checkEnrollmentFileAction(input: EnrollmentFileInput) {
  return bindAction(checkEnrollmentFileDef)(input);
}

export async function importEnrollmentFileAction(input: ImportEnrollmentInput) {
  return bindAction(importEnrollmentFileDef)(input);
}
