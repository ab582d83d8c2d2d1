'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { ExamFieldsInput } from '../schemas';
import { createExamDef } from '../services/create-exam';

export async function createExamAction(input: ExamFieldsInput) {
  return bindAction(createExamDef)(input);
}
