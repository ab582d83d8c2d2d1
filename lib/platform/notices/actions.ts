'use server';
import { bindAction } from '../auth/actions';
import { acceptNoticeDef } from './forced-reading';
import { updateReadingNoticeDef, type ReadingNoticeInput } from './editor';

export async function acceptNoticeAction(input: { servingId: string }) {
  return bindAction(acceptNoticeDef)(input);
}

export async function updateReadingNoticeAction(input: ReadingNoticeInput) {
  return bindAction(updateReadingNoticeDef)(input);
}
