'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { RequestResetCodeInput, RequestResetEmailInput, ResetByLinkInput, ResetBySmsInput } from '../recover-schemas';
import { requestResetCodeDef, requestResetEmailDef, resetByLinkDef, resetBySmsDef } from '../services/recover-password';

export async function requestResetCodeAction(input: RequestResetCodeInput) {
  return bindAction(requestResetCodeDef)(input);
}
export async function resetBySmsAction(input: ResetBySmsInput) {
  return bindAction(resetBySmsDef)(input);
}
export async function requestResetEmailAction(input: RequestResetEmailInput) {
  return bindAction(requestResetEmailDef)(input);
}
export async function resetByLinkAction(input: ResetByLinkInput) {
  return bindAction(resetByLinkDef)(input);
}
