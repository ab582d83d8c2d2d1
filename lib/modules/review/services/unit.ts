import { defineAction } from '@/lib/platform/auth/action-core';
import { changeMobileSchema, requestMobileCodeSchema } from '@/lib/modules/account/profile-schemas';
import { UNIT_ACCESS } from '../access';
import { unitProfileSchema } from '../schemas';
import { changeContactMobile, requestContactMobileCode, updateUnitProfile } from '../unit';

/** 单位信息管理: save the basic information (any account of the unit with module E). */
export const updateUnitProfileDef = defineAction({
  access: UNIT_ACCESS,
  schema: unitProfileSchema,
  handler: ({ db, actor, input, now, ip }) => updateUnitProfile(db, actor, input, { now: now(), ip }),
});

/** The contact mobile's SMS code, sent to the new number after the human check. */
export const requestContactMobileCodeDef = defineAction({
  access: UNIT_ACCESS,
  schema: requestMobileCodeSchema,
  handler: ({ db, actor, input, ip }) => requestContactMobileCode(db, actor, input, ip),
});

/** The new contact mobile, with the code sent to it. */
export const changeContactMobileDef = defineAction({
  access: UNIT_ACCESS,
  schema: changeMobileSchema,
  handler: ({ db, actor, input, ip }) => changeContactMobile(db, actor, input, ip),
});
