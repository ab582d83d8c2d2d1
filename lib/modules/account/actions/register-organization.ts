'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { OrganizationRegistrationInput } from '../organization-schemas';
import { registerOrganizationDef } from '../services/register-organization';

export async function registerOrganizationAction(input: OrganizationRegistrationInput) {
  return bindAction(registerOrganizationDef)(input);
}
