'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import { unpublishNoticeDef } from '../services/unpublish-notice';

export async function unpublishNoticeAction(input: { id: string }) {
  return bindAction(unpublishNoticeDef)(input);
}
