'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { UpdateEnrollmentInfoInput } from '../enrollment/manage-schemas';
import { updateEnrollmentInfoDef } from '../enrollment/services/manage';

export async function updateEnrollmentInfoAction(input: UpdateEnrollmentInfoInput) {
  return bindAction(updateEnrollmentInfoDef)(input);
}
