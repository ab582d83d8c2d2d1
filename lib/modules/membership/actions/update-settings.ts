'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { MembershipSettingsInput } from '../schemas';
import { updateMembershipSettingsDef } from '../services/update-settings';

export async function updateMembershipSettingsAction(input: MembershipSettingsInput) {
  return bindAction(updateMembershipSettingsDef)(input);
}
