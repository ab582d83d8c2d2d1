'use server';
import { bindAction } from '../../auth/actions';
import type { CreateDelegationFormInput } from '../schemas';
import { createDelegationDef, revokeDelegationDef } from '../services/delegations';

export async function createDelegationAction(input: CreateDelegationFormInput) {
  return bindAction(createDelegationDef)(input);
}

export async function revokeDelegationAction(input: { id: string }) {
  return bindAction(revokeDelegationDef)(input);
}
