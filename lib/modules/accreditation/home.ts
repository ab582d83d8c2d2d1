import type { PortalHome } from '@/lib/platform/manifest';
import { myApplications } from '@/lib/platform/workflow';
import { FIELD_CHANGE } from './field-change/kind';
import { heldFields } from './field-change/services/held-fields';

/** Module A in the portal: the institution's business fields and its 业务领域变更 applications. */
export const accreditationHome: PortalHome = async ({ db, actor, t }) => {
  if (actor.kind !== 'organization') return [];
  const [held, apps] = await Promise.all([heldFields(db, actor.orgId), myApplications(db, actor, { module: 'accreditation' })]);
  const changes = apps.filter((a) => a.kind === FIELD_CHANGE);
  return [
    {
      title: t('accreditation.fieldChange.title'),
      action: { href: '/portal/field-change/new', label: t('accreditation.fieldChange.new') },
      holdings: { title: t('accreditation.fieldChange.held'), empty: t('accreditation.fieldChange.noneHeld'), items: held.map((f) => ({ label: f.label, tone: 'success' as const })) },
      applications: changes.length ? { title: t('accreditation.fieldChange.mine'), items: changes.map((a) => ({ id: a.id, number: a.number, kind: a.kind, status: a.status })) } : undefined,
      testId: 'held-fields',
    },
  ];
};
