'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { NoticeFieldsInput } from '../schemas';
import { createNoticeDef } from '../services/create-notice';

export async function createNoticeAction(input: NoticeFieldsInput) {
  return bindAction(createNoticeDef)(input);
}
