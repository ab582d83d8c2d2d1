'use server';
import { bindAction } from '../../auth/actions';
import { pollPhoneUploadDef } from '../services/phone-upload';

export async function pollPhoneUploadAction(input: { id: string }) {
  return bindAction(pollPhoneUploadDef)(input);
}
