'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { UpdateAreaInput } from '../schemas';
import { updateAreaDef } from '../services/update-area';

export async function updateAreaAction(input: UpdateAreaInput) {
  return bindAction(updateAreaDef)(input);
}
