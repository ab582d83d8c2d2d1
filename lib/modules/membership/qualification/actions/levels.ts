'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { QualificationSettingsInput, SaveLevelInput } from '../schemas';
import { saveQualificationLevelDef, updateQualificationSettingsDef } from '../services/levels';

export async function saveQualificationLevelAction(input: SaveLevelInput) {
  return bindAction(saveQualificationLevelDef)(input);
}

export async function updateQualificationSettingsAction(input: QualificationSettingsInput) {
  return bindAction(updateQualificationSettingsDef)(input);
}
