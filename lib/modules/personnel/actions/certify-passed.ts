'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { CertifyPassedInput } from '../results/schemas';
import { certifyPassedDef } from '../results/services/results';

export async function certifyPassedAction(input: CertifyPassedInput) {
  return bindAction(certifyPassedDef)(input);
}
