'use server';
import { bindAction } from '../../auth/actions';
import { renewCertificateDef } from '../action-defs';

export async function renewCertificateAction(input: { certificateId: string; validUntil?: string }) {
  return bindAction(renewCertificateDef)(input);
}
