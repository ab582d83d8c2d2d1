import type { HomePanel, PortalHome } from '@/lib/platform/manifest';
import { loadPersonnelProfile } from './services/profile';

/**
 * Module C in the portal: the personnel profile (complete or not) and every
 * entry of the seed's menu — 基本信息修改, the three enrollments, 状态查看,
 * 证书补发 and 证书信息变更.
 */
export const personnelHome: PortalHome = async ({ db, actor, t }) => {
  if (actor.kind !== 'individual') return [];
  const view = await loadPersonnelProfile(db, actor.id);
  const p = view.profile;
  const panels: HomePanel[] = [
    {
      title: t('personnel.home.title'),
      action: view.complete ? undefined : { href: '/portal/personnel/profile', label: t('personnel.home.completeProfile') },
      holdings: {
        title: t('personnel.home.profile'),
        empty: t('personnel.home.profileIncomplete'),
        items: view.complete && p ? [{ label: t('personnel.home.profileComplete'), detail: [p.employer, p.majorName].filter(Boolean).join(' · '), tone: 'success' as const }] : [],
      },
      links: [{ href: '/portal/personnel/profile', label: t('personnel.home.editProfile'), description: t('personnel.home.editProfileDesc') }],
      testId: 'personnel-home',
    },
    {
      title: t('personnel.home.enrollTitle'),
      links: [
        { href: '/portal/personnel/enroll/inspection', label: t('personnel.kinds.inspection.name'), description: t('personnel.home.inspectionDesc') },
        { href: '/portal/personnel/enroll/testing', label: t('personnel.kinds.testing.name'), description: t('personnel.home.testingDesc') },
        { href: '/portal/personnel/enroll/typeTest', label: t('personnel.kinds.typeTest.name'), description: t('personnel.home.typeTestDesc') },
        { href: '/portal/personnel/status', label: t('personnel.status.title'), description: t('personnel.home.statusDesc') },
      ],
    },
    {
      title: t('personnel.home.certificatesTitle'),
      links: [
        { href: '/portal/personnel/requests?for=reissue', label: t('personnel.kinds.reissue.name'), description: t('personnel.home.reissueDesc') },
        { href: '/portal/personnel/requests?for=change', label: t('personnel.kinds.change.name'), description: t('personnel.home.changeDesc') },
        { href: '/portal/certificates', label: t('personnel.home.myCertificates'), description: t('personnel.home.myCertificatesDesc') },
      ],
    },
  ];
  return panels;
};
