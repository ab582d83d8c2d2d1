'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import { releaseTicketsDef } from '../services/release-tickets';

export async function releaseTicketsAction(input: { id: string }) {
  return bindAction(releaseTicketsDef)(input);
}
