'use server';
import { bindAction } from '../auth/actions';
import { acceptNoticeDef, serveNoticeDef } from './forced-reading';

export async function serveNoticeAction(input: { key: string }) {
  return bindAction(serveNoticeDef)(input);
}

export async function acceptNoticeAction(input: { servingId: string }) {
  return bindAction(acceptNoticeDef)(input);
}
