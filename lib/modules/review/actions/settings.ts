'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { ReviewSettingsInput } from '../schemas';
import { updateReviewSettingsDef } from '../services/settings';

export async function updateReviewSettingsAction(input: ReviewSettingsInput) {
  return bindAction(updateReviewSettingsDef)(input);
}
