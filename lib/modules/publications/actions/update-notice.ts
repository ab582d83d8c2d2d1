'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { UpdateNoticeInput } from '../schemas';
import { updateNoticeDef } from '../services/update-notice';

export async function updateNoticeAction(input: UpdateNoticeInput) {
  return bindAction(updateNoticeDef)(input);
}
