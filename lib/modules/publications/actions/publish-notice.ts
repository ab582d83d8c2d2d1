'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import { publishNoticeDef } from '../services/publish-notice';

export async function publishNoticeAction(input: { id: string }) {
  return bindAction(publishNoticeDef)(input);
}
