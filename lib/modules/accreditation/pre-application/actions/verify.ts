'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import { verifyPreApplicationDef } from '../services/by-token';

export async function verifyPreApplicationAction(input: { token: string }) {
  return bindAction(verifyPreApplicationDef)(input);
}
