'use server';
import { bindAction } from '../../auth/actions';
import type { SlotTargetInput } from '../schemas';
import { startPhoneUploadDef } from '../services/phone-upload';

export async function startPhoneUploadAction(input: SlotTargetInput) {
  return bindAction(startPhoneUploadDef)(input);
}
