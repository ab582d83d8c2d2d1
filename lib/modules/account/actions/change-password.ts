'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { ChangePasswordInput } from '../password-schemas';
import { changePasswordDef } from '../services/change-password';

export async function changePasswordAction(input: ChangePasswordInput) {
  return bindAction(changePasswordDef)(input);
}
