'use server';
import type { z } from 'zod';
import { bindAction } from '@/lib/platform/auth/actions';
import type { CreateStaffInput, setStaffRolesSchema, setStaffStatusSchema, staffIdSchema } from '../schemas';
import { createStaffDef, resetStaffPasswordDef, setStaffRolesDef, setStaffStatusDef } from '../services/staff-users';

// One file for the four staff-account mutations: they share their scoping and are tiny bindings.
export async function createStaffAction(input: CreateStaffInput) {
  return bindAction(createStaffDef)(input);
}
export async function setStaffRolesAction(input: z.input<typeof setStaffRolesSchema>) {
  return bindAction(setStaffRolesDef)(input);
}
export async function setStaffStatusAction(input: z.input<typeof setStaffStatusSchema>) {
  return bindAction(setStaffStatusDef)(input);
}
export async function resetStaffPasswordAction(input: z.input<typeof staffIdSchema>) {
  return bindAction(resetStaffPasswordDef)(input);
}
