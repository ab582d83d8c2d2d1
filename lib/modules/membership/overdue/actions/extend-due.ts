'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { ExtendDueInput } from '../schemas';
import { extendReviewDueDef } from '../services/extend-due';

export async function extendReviewDueAction(input: ExtendDueInput) {
  return bindAction(extendReviewDueDef)(input);
}
