import type { ModuleManifest } from '@/lib/platform/manifest';
import { canAdministerPersonnelExams } from './access';
import { personnelCertificateType } from './certificates';
import { PERSONNEL_SETTING_DEFAULTS } from './defaults';
import { demoFileJob } from './demo-files';
import { personnelForm } from './enrollment/form-pdf';
import { inspectionEnrollmentKind, testingEnrollmentKind, typeTestEnrollmentKind } from './enrollment/kinds';
import { personnelHome } from './home';
import { personnelPhotoSlot } from './photo-slot';
import { changeKind, reissueKind } from './reissue/kinds';

/**
 * Module C · inspection and testing personnel (SPEC §4, seed 002): the
 * personnel profile (photo, education, major from the catalog of majors with
 * old and new names, employer, title, years of work); exam plans per
 * enrollment kind and item; the three enrollment kinds on the engine
 * (检验人员换证, 检测人员考试, 型式试验人员换证) with their materials, the plan
 * seat, the printed and signed form, the qualification review, results and
 * the personnel certificate; 证书补发 and 证书信息变更 through the exam
 * institution and the issuing authority.
 */
export const personnelModule: ModuleManifest = {
  key: 'personnel',
  kinds: [inspectionEnrollmentKind, testingEnrollmentKind, typeTestEnrollmentKind, reissueKind, changeKind],
  personalSlots: [personnelPhotoSlot],
  pdfTemplates: [personnelForm],
  certificateTypes: [personnelCertificateType],
  jobs: [demoFileJob],
  defaultSettings: PERSONNEL_SETTING_DEFAULTS,
  portal: { home: personnelHome },
  staff: { nav: [{ href: '/staff/personnel/plans', label: 'personnel.nav.plans', icon: 'idCard', visible: canAdministerPersonnelExams, order: 35 }] },
  messages: ['personnel'],
};
