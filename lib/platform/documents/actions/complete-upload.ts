'use server';
import { bindAction } from '../../auth/actions';
import { completeUploadDef } from '../services/complete-upload';

export async function completeUploadAction(input: { ticket: string }) {
  return bindAction(completeUploadDef)(input);
}
