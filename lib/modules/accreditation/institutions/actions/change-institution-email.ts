'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { ChangeInstitutionEmailInput } from '../schemas';
import { changeInstitutionEmailDef } from '../services/registry';

export async function changeInstitutionEmailAction(input: ChangeInstitutionEmailInput) {
  return bindAction(changeInstitutionEmailDef)(input);
}
