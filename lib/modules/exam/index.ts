import type { ModuleManifest } from '@/lib/platform/manifest';
import { canAdministerExams } from './admin/services/access';
import { examDashboardPanels } from './admin/services/dashboard';
import { examPaymentSubject } from './payments';
import { examPhotoSlot } from './photo/standard';
import { admissionTicket } from './registration/admission-ticket-pdf';
import { examApplicantItems } from './registration/services/candidate-views';
import { verifyTicketNumber } from './registration/services/ticket';

/**
 * Module D · the national certification-personnel exam (SPEC §5, seed 003).
 * Its registration keeps its own step-by-step flow (exam_registrations) and
 * uses the platform's payment bridge for its orders; see ARCHITECTURE.md.
 */
export const examModule: ModuleManifest = {
  key: 'exam',
  personalSlots: [examPhotoSlot],
  paymentSubjects: [examPaymentSubject],
  pdfTemplates: [admissionTicket],
  verifiers: [
    {
      key: 'admission-ticket',
      order: 20,
      find: async (db, number) => (await verifyTicketNumber(db, number)).map((t) => ({ type: 'record' as const, ...t })),
    },
  ],
  portal: { items: examApplicantItems },
  staff: { nav: [{ href: '/staff/exams', label: 'examAdmin.nav', icon: 'calendar', visible: canAdministerExams, order: 30 }] },
  dashboardPanels: examDashboardPanels,
  messages: ['exam', 'examAdmin', 'examPhoto'],
};
