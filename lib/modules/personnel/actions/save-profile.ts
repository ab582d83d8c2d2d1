'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { PersonnelProfileInput } from '../profile/schemas';
import { savePersonnelProfileDef } from '../services/profile';

export async function savePersonnelProfileAction(input: PersonnelProfileInput) {
  return bindAction(savePersonnelProfileDef)(input);
}
