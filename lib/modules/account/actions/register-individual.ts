'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { IndividualRegistrationInput } from '../schemas';
import { registerIndividualDef } from '../services/register-individual';

export async function registerIndividualAction(input: IndividualRegistrationInput) {
  return bindAction(registerIndividualDef)(input);
}
