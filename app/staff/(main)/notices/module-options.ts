import { getTranslations } from 'next-intl/server';
import type { ModuleOption } from '@/components/publications/notice-form';
import { publishableModules } from '@/lib/modules/publications/services/access';
import type { Actor } from '@/lib/platform/auth/actor';

/** The module choices of the notice form: what the actor may publish in (platform-wide for admins only). */
export async function moduleOptionsFor(actor: Actor): Promise<ModuleOption[]> {
  const t = await getTranslations();
  const p = publishableModules(actor);
  return [
    ...(p.platform ? [{ value: '', label: t('publications.form.platformWide') }] : []),
    ...p.modules.map((m) => ({ value: m, label: t(`modules.${m}.name`) })),
  ];
}
