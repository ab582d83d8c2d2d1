'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { UpdateSessionInput } from '../schemas';
import { updateSessionDef } from '../services/update-session';

export async function updateSessionAction(input: UpdateSessionInput) {
  return bindAction(updateSessionDef)(input);
}
