'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { ChangeMobileInput, RequestMobileCodeInput } from '@/lib/modules/account/profile-schemas';
import type { UnitProfileInput } from '../schemas';
import { changeContactMobileDef, requestContactMobileCodeDef, updateUnitProfileDef } from '../services/unit';

export async function updateUnitProfileAction(input: UnitProfileInput) {
  return bindAction(updateUnitProfileDef)(input);
}

export async function requestContactMobileCodeAction(input: RequestMobileCodeInput) {
  return bindAction(requestContactMobileCodeDef)(input);
}

export async function changeContactMobileAction(input: ChangeMobileInput) {
  return bindAction(changeContactMobileDef)(input);
}
