'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { AddAreaInput } from '../schemas';
import { addAreaDef } from '../services/add-area';

export async function addAreaAction(input: AddAreaInput) {
  return bindAction(addAreaDef)(input);
}
