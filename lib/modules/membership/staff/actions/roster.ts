'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { StaffPersonInput, UpdateStaffPersonInput } from '../schemas';
import { addStaffPersonDef, removeStaffPersonDef, updateStaffPersonDef } from '../services/roster';

export async function addStaffPersonAction(input: StaffPersonInput) {
  return bindAction(addStaffPersonDef)(input);
}

export async function updateStaffPersonAction(input: UpdateStaffPersonInput) {
  return bindAction(updateStaffPersonDef)(input);
}

export async function removeStaffPersonAction(input: { id: string }) {
  return bindAction(removeStaffPersonDef)(input);
}
