'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { ActivateLegacyInput, LegacyCredentialsInput } from '../legacy-schemas';
import { activateLegacyDef, verifyLegacyCredentialsDef } from '../services/activate-legacy';

export async function verifyLegacyCredentialsAction(input: LegacyCredentialsInput) {
  return bindAction(verifyLegacyCredentialsDef)(input);
}

export async function activateLegacyAction(input: ActivateLegacyInput) {
  return bindAction(activateLegacyDef)(input);
}
