import { allows } from '@/lib/platform/auth/action-core';
import type { Actor } from '@/lib/platform/auth/actor';
import { can } from '@/lib/platform/auth/permissions';
import type { HomePanel, NavEntry } from '@/lib/platform/manifest';
import { MEMBERSHIP_STAFF_ACCESS } from '../access';
import { certificateLossKind } from '../certificate-loss/kind';
import { filingCertificateType, filingKind } from '../filing/kind';
import { infoChangeKind } from '../info-change/kind';
import { demoDocumentJob } from './demo-documents';
import { CHANGES_SETTING_DEFAULTS } from './settings';

/**
 * Module B's change flows — 信息变更, 证书补办, 外省企业备案 — and the
 * association's support contacts, as the membership manifest takes them
 * (lib/modules/membership/index.ts spreads these in).
 */
export const CHANGES_KINDS = [infoChangeKind, certificateLossKind, filingKind] as const;
export const CHANGES_CERTIFICATE_TYPES = [filingCertificateType] as const;
export const CHANGES_JOBS = [demoDocumentJob] as const;
export { CHANGES_SETTING_DEFAULTS };
export const CHANGES_MESSAGES = 'membershipChanges';

/** An enterprise account that may use module B (a sub-account only when granted it). */
export const usesMembership = (actor: Actor) => actor.kind === 'organization' && can(actor, { action: 'module.use', module: 'membership' });

export const CHANGES_PORTAL_NAV: readonly NavEntry[] = [
  { href: '/portal/membership/info-change', label: 'membershipChanges.nav.infoChange', icon: 'clipboard', visible: usesMembership, order: 61 },
  { href: '/portal/membership/certificate-loss', label: 'membershipChanges.nav.certificateLoss', icon: 'award', visible: usesMembership, order: 62 },
  { href: '/portal/membership/filing', label: 'membershipChanges.nav.filing', icon: 'building', visible: usesMembership, order: 63 },
];

export const CHANGES_STAFF_NAV: readonly NavEntry[] = [
  { href: '/staff/membership/changes-settings', label: 'membershipChanges.settings.nav', icon: 'settings', visible: (actor) => allows(MEMBERSHIP_STAFF_ACCESS, actor), order: 46 },
];

/** The change flows as links for module B's portal home (the integrator puts them on its panel). */
export function changesPanelLinks(t: (key: string, values?: Record<string, string | number>) => string): NonNullable<HomePanel['links']> {
  return [
    { href: '/portal/membership/info-change', label: t('membershipChanges.nav.infoChange'), description: t('membershipChanges.panel.infoChange') },
    { href: '/portal/membership/certificate-loss', label: t('membershipChanges.nav.certificateLoss'), description: t('membershipChanges.panel.certificateLoss') },
    { href: '/portal/membership/filing', label: t('membershipChanges.nav.filing'), description: t('membershipChanges.panel.filing') },
  ];
}
