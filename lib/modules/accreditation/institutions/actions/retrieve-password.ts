'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { LookupInstitutionInput, RequestInstitutionResetInput, ResetInstitutionPasswordInput } from '../schemas';
import { lookupInstitutionDef, requestInstitutionResetDef, resetInstitutionPasswordDef } from '../services/retrieve-password';

// The three steps of 已获认可机构获取密码 share their gates (captcha, ticket, token); tiny bindings.
export async function lookupInstitutionAction(input: LookupInstitutionInput) {
  return bindAction(lookupInstitutionDef)(input);
}
export async function requestInstitutionResetAction(input: RequestInstitutionResetInput) {
  return bindAction(requestInstitutionResetDef)(input);
}
export async function resetInstitutionPasswordAction(input: ResetInstitutionPasswordInput) {
  return bindAction(resetInstitutionPasswordDef)(input);
}
