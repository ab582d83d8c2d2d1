'use server';
import { bindAction } from '../../auth/actions';
import { replaceCertificateDef } from '../action-defs';

export async function replaceCertificateAction(input: { certificateId: string; reason?: string }) {
  return bindAction(replaceCertificateDef)(input);
}
