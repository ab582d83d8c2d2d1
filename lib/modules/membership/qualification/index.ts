import type { CertificateTypeDef } from '@/lib/platform/certificates/registry';
import type { NavEntry } from '@/lib/platform/manifest';
import type { Actor } from '@/lib/platform/auth/actor';
import { can } from '@/lib/platform/auth/permissions';
import { canManageMembership } from '../access';
import { QUALIFICATION_CERTIFICATE, RENEWAL_WINDOW_DEFAULT, RENEWAL_WINDOW_SETTING } from './constants';
import { QUALIFICATION_KIND_DEFS } from './kinds';

/**
 * What module B's qualifications contribute to the membership manifest
 * (lib/modules/membership/index.ts spreads these in): the five kinds, the
 * qualification certificate type, the renewal-window setting, the staff
 * entry 资质等级设置 and the portal entry 资质管理.
 */
export { qualificationPanel } from './queries';

export const qualificationKindDefs = QUALIFICATION_KIND_DEFS;

export const qualificationCertificateType: CertificateTypeDef = {
  type: QUALIFICATION_CERTIFICATE,
  module: 'membership',
  labelKey: 'qualification.certificate.name',
  prefix: 'ZZ',
  subjectLabels: { creditCode: 'qualification.certificate.creditCode' },
};

export const QUALIFICATION_SETTING_DEFAULTS: Record<string, unknown> = {
  // 到期换证 opens this many days before the qualification expires.
  [RENEWAL_WINDOW_SETTING]: RENEWAL_WINDOW_DEFAULT,
};

const enterpriseWithModule = (actor: Actor) => actor.kind === 'organization' && can(actor, { action: 'module.use', module: 'membership' });

export const qualificationStaffNav: NavEntry[] = [{ href: '/staff/membership/levels', label: 'qualification.levels.nav', icon: 'award', visible: canManageMembership, order: 46 }];
export const qualificationPortalNav: NavEntry[] = [{ href: '/portal/membership/qualification', label: 'qualification.portal.nav', icon: 'award', visible: enterpriseWithModule, order: 20 }];
