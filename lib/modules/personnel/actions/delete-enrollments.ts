'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { DeleteEnrollmentsInput } from '../enrollment/manage-schemas';
import { deleteEnrollmentsDef } from '../enrollment/services/manage';

export async function deleteEnrollmentsAction(input: DeleteEnrollmentsInput) {
  return bindAction(deleteEnrollmentsDef)(input);
}
