'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import type { SiteFooterInput } from '../schemas';
import { updateSiteFooterDef } from '../services/site-footer';

export async function updateSiteFooterAction(input: SiteFooterInput) {
  return bindAction(updateSiteFooterDef)(input);
}
