'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import { resendVerificationDef } from '../services/by-token';

export async function resendVerificationAction(input: { token: string }) {
  return bindAction(resendVerificationDef)(input);
}
