'use server';
import { bindAction } from '../../auth/actions';
import { voidCertificateDef } from '../action-defs';

export async function voidCertificateAction(input: { certificateId: string; reason: string }) {
  return bindAction(voidCertificateDef)(input);
}
