'use server';
import { bindAction } from '../../auth/actions';
import type { RequestUploadInput } from '../schemas';
import { requestUploadDef } from '../services/request-upload';

export async function requestUploadAction(input: RequestUploadInput) {
  return bindAction(requestUploadDef)(input);
}
