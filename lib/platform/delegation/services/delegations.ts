import { defineAction } from '../../auth/action-core';
import type { StaffRole } from '../../auth/actor';
import { createDelegation, revokeDelegation } from '../index';
import { createDelegationSchema, revokeDelegationSchema } from '../schemas';

/** 设置代理: any staff member, for a role they hold, to a colleague holding it too. */
export const createDelegationDef = defineAction({
  access: { kind: 'staff', roles: 'any' },
  schema: createDelegationSchema,
  handler: async ({ db, actor, input, now, ip }) => {
    const row = await createDelegation(db, actor, { ...input, role: input.role as StaffRole }, { now: now(), ip });
    return { id: row.id };
  },
});

/** 撤销代理: the delegator (or an admin) ends it at once. */
export const revokeDelegationDef = defineAction({
  access: { kind: 'staff', roles: 'any' },
  schema: revokeDelegationSchema,
  handler: async ({ db, actor, input, now, ip }) => {
    const row = await revokeDelegation(db, actor, input.id, { now: now(), ip });
    return { id: row.id };
  },
});
