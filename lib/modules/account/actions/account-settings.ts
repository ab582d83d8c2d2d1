'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { ChangeMobileInput, ConfirmEmailChangeInput, ProfileInput, RequestEmailChangeInput, RequestMobileCodeInput } from '../profile-schemas';
import { changeMobileDef, confirmEmailChangeDef, requestEmailChangeDef, requestMobileCodeDef, updateProfileDef } from '../services/account-settings';

export async function updateProfileAction(input: ProfileInput) {
  return bindAction(updateProfileDef)(input);
}
export async function requestMobileCodeAction(input: RequestMobileCodeInput) {
  return bindAction(requestMobileCodeDef)(input);
}
export async function changeMobileAction(input: ChangeMobileInput) {
  return bindAction(changeMobileDef)(input);
}
export async function requestEmailChangeAction(input: RequestEmailChangeInput) {
  return bindAction(requestEmailChangeDef)(input);
}
export async function confirmEmailChangeAction(input: ConfirmEmailChangeInput) {
  return bindAction(confirmEmailChangeDef)(input);
}
