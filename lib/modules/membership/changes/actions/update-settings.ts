'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { ChangesSettingsInput, SupportContactsInput } from '../schemas';
import { updateChangesSettingsDef, updateSupportContactsDef } from '../services/update-settings';

export async function updateChangesSettingsAction(input: ChangesSettingsInput) {
  return bindAction(updateChangesSettingsDef)(input);
}

export async function updateSupportContactsAction(input: SupportContactsInput) {
  return bindAction(updateSupportContactsDef)(input);
}
