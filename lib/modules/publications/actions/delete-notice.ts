'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import { deleteNoticeDef } from '../services/delete-notice';

export async function deleteNoticeAction(input: { id: string }) {
  return bindAction(deleteNoticeDef)(input);
}
