import { getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import type { Actor } from '@/lib/platform/auth/actor';
import { can } from '@/lib/platform/auth/permissions';

/** What module B's change pages show an account that may not use them (an individual, a sub-account without module B); null for an enterprise that may. */
export async function enterpriseGate(actor: Actor) {
  if (actor.kind === 'organization' && can(actor, { action: 'module.use', module: 'membership' })) return null;
  const t = await getTranslations('membershipChanges.common');
  return <Forbidden detail={actor.kind !== 'organization' ? t('notOrganization') : undefined} />;
}
