'use server';
import { bindAction } from '../auth/actions';
import { acceptNoticeDef } from './forced-reading';

export async function acceptNoticeAction(input: { servingId: string }) {
  return bindAction(acceptNoticeDef)(input);
}
