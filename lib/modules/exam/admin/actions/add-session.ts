'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { AddSessionInput } from '../schemas';
import { addSessionDef } from '../services/add-session';

export async function addSessionAction(input: AddSessionInput) {
  return bindAction(addSessionDef)(input);
}
