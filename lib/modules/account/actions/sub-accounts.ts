'use server';
import type { z } from 'zod';
import { bindAction } from '@/lib/platform/auth/actions';
import type { CreateSubAccountInput, setSubAccountModulesSchema, setSubAccountStatusSchema, subAccountIdSchema } from '../sub-account-schemas';
import { createSubAccountDef, deleteSubAccountDef, setSubAccountModulesDef, setSubAccountStatusDef } from '../services/sub-accounts';

// One file for the four sub-account mutations: they share their scoping and are tiny bindings.
export async function createSubAccountAction(input: CreateSubAccountInput) {
  return bindAction(createSubAccountDef)(input);
}
export async function setSubAccountModulesAction(input: z.input<typeof setSubAccountModulesSchema>) {
  return bindAction(setSubAccountModulesDef)(input);
}
export async function setSubAccountStatusAction(input: z.input<typeof setSubAccountStatusSchema>) {
  return bindAction(setSubAccountStatusDef)(input);
}
export async function deleteSubAccountAction(input: z.input<typeof subAccountIdSchema>) {
  return bindAction(deleteSubAccountDef)(input);
}
