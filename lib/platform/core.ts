import { canSeeCertificates } from './certificates/access';
import { certificatePdfJob } from './certificates/pdf';
import { verifyCertificate } from './certificates/verify';
import { registerModule, type ModuleManifest } from './manifest';
import { canEditReadingNotices } from './notices/editor';
import { canSeePayments } from './payments/queries';
import { verifyReceiptNumber } from './payments/verify';
import { verifyDocumentNumber } from './pdf/verify';
import { PLATFORM_SETTING_DEFAULTS } from './settings';
import { issueApplicationPdf } from './workflow/issue-pdf';
import { applicationPaymentSubject } from './workflow/payment-subject';

/**
 * The platform's own contributions, registered like a module's: its jobs,
 * verifiers (e-receipts by order number; application forms by application
 * number, the fallback), the engine's payment-step subject, its settings and
 * message namespaces.
 */
export const platformManifest: ModuleManifest = {
  key: 'platform',
  jobs: [issueApplicationPdf, certificatePdfJob],
  paymentSubjects: [applicationPaymentSubject],
  verifiers: [
    {
      // Certificates by number or by the token of their QR code.
      key: 'certificate',
      order: 5,
      find: async (db, number) => {
        const c = await verifyCertificate(db, number);
        return c ? [{ type: 'record', ...c }] : [];
      },
    },
    {
      key: 'receipt',
      order: 10,
      find: async (db, number) => {
        const r = await verifyReceiptNumber(db, number);
        return r ? [{ type: 'record', ...r }] : [];
      },
    },
    {
      key: 'application',
      order: 1000,
      find: async (db, number) => {
        const a = await verifyDocumentNumber(db, number);
        return a ? [{ type: 'application', ...a }] : [];
      },
    },
  ],
  defaultSettings: PLATFORM_SETTING_DEFAULTS,
  staff: {
    nav: [
      { href: '/staff/payments', label: 'payments.staff.navLabel', icon: 'creditCard', visible: canSeePayments, order: 20 },
      { href: '/staff/payments/transfers', label: 'bankTransfer.staff.navLabel', icon: 'banknote', visible: canSeePayments, order: 21 },
      { href: '/staff/certificates', label: 'certificates.staff.navLabel', icon: 'badgeCheck', visible: canSeeCertificates, order: 25 },
      // Every staff member may name a substitute for the days they are away.
      { href: '/staff/delegations', label: 'delegation.navLabel', icon: 'users', visible: (actor) => actor.kind === 'staff', order: 90 },
      { href: '/staff/reading-notices', label: 'forcedReading.staff.nav', icon: 'scroll', visible: canEditReadingNotices, order: 91 },
    ],
  },
  portal: { nav: [{ href: '/portal/certificates', label: 'certificates.portal.title', icon: 'award' }] },
  messages: ['common', 'modules', 'home', 'notices', 'footer', 'portal', 'staff', 'mailbox', 'health', 'errorPage', 'errors', 'auth', 'forcedReading', 'help', 'workflow', 'documents', 'pdf', 'notifications', 'emails', 'payments', 'paymentMethods', 'bankTransfer', 'certificates', 'linkEmails', 'delegation', 'operations', 'console', 'a11y', 'regions'],
};

/**
 * Registers the platform's own contributions and then each module's (the
 * composition root, lib/modules/index.ts, passes them). Idempotent.
 */
export function registerModules(manifests: readonly ModuleManifest[]): void {
  registerModule(platformManifest);
  for (const m of manifests) registerModule(m);
}
