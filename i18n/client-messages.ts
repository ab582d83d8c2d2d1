/**
 * The messages each layout hands to the browser (issue #17 point 7, "each page
 * gets only the message namespaces it uses"). Server components translate with
 * the whole catalog (getTranslations, i18n/request.ts); a client component can
 * only use what its layout's <ScopedIntlProvider scope="…"> passes, and a nested
 * provider does not merge with its parent: each list is complete for its subtree.
 *
 * A path is a namespace or a sub-namespace ('review.step'). The lists are exactly
 * what the client components under each layout use: tests/unit/i18n/client-namespaces.test.ts
 * follows the imports from every page, layout, error, loading and not-found file
 * and fails (printing the list it expects) when one is missing or unused.
 */
export const CLIENT_NAMESPACES = {
  /**
   * app/layout.tsx: what goes with every page, so nothing (app/error.tsx takes its texts from the layout).
   * An empty list goes with <NoIntlProvider> (i18n/no-provider.tsx): no provider, and no next-intl in the scripts.
   */
  root: [],
  /** app/pay/layout.tsx: the cashier pages (QR, bank transfer, sandbox). */
  pay: [
    'a11y', 'bankTransfer.pay', 'documents.errors', 'documents.phone', 'documents.upload', 'payments.order',
    'payments.sandbox',
  ],
  /** app/m/layout.tsx: the phone upload page (用手机上传). */
  mobile: ['documents.errors', 'documents.mobile'],
  /** app/(auth)/layout.tsx: sign-in, sign-up, recovery, activation, pre-application. */
  auth: [
    'accountSettings', 'accreditation.preApplication', 'accreditedInstitutions.retrieve', 'auth', 'forcedReading', 'legacy.activate',
    'recover', 'regions',
  ],
  /** app/(public)/layout.tsx: home, notices, help, verify, mailbox. */
  public: [],
  /** app/portal/layout.tsx: the applicant portal's shell (side navigation, bell, account menu); each area below brings its own. */
  portalShell: ['notifications'],
  /** app/portal/(main)/layout.tsx: the portal's own pages (home, tasks, applications, files, certificates, account …). */
  portal: [
    'a11y', 'account', 'accountSettings', 'accreditation.fieldChange', 'accreditation.preApplication', 'auth',
    'documents.errors', 'documents.phone', 'documents.upload', 'modules', 'notifications', 'paymentMethods.picker',
    'payments.order', 'regions', 'subAccounts', 'workflow.review',
  ],
  /** app/portal/exam/photo/layout.tsx: the exam photo (its upload field). */
  portalExamPhoto: [
    'documents.errors', 'documents.phone', 'documents.upload', 'examPhoto.page',
  ],
  /** app/portal/exam/[examId]/layout.tsx: the exam registration steps. */
  portalExam: [
    'auth.org', 'exam.area', 'exam.info', 'exam.pay', 'exam.process', 'exam.subjects', 'paymentMethods.picker',
    'payments.order', 'regions',
  ],
  /** app/portal/personnel/layout.tsx: module C (personnel qualification). */
  portalPersonnel: [
    'a11y', 'documents.errors', 'documents.phone', 'documents.upload', 'personnel',
  ],
  /** app/portal/membership/layout.tsx: module B (membership and its changes). */
  portalMembership: [
    'a11y', 'auth.org', 'documents.errors', 'documents.phone', 'documents.upload', 'forcedReading',
    'membership.delivery', 'membership.form', 'membership.staffGrades', 'membershipChanges', 'membershipStaff.form',
    'membershipStaff.genders', 'membershipStaff.import', 'membershipStaff.photo', 'membershipStaff.roster',
    'membershipStaff.training', 'qualification', 'regions',
  ],
  /** app/portal/review/layout.tsx: module E (laboratory review). */
  portalReview: [
    'auth', 'documents.errors', 'documents.phone', 'documents.upload', 'review.evaluation', 'review.form',
    'review.invitation', 'review.options', 'review.rectification', 'review.step', 'review.unit',
  ],
  /** app/staff/exams/layout.tsx: exam administration. */
  staffExams: ['a11y', 'console.export', 'console.print', 'examAdmin'],
  /** app/staff/personnel/layout.tsx: module C's console. */
  staffPersonnel: ['a11y', 'personnel.categories', 'personnel.outcomes', 'personnel.planKinds', 'personnel.plans', 'personnel.results'],
  /** app/staff/membership/layout.tsx: module B's console. */
  staffMembership: [
    'a11y', 'console.export', 'membership.settings', 'membershipChanges.settings', 'membershipStaff.courseForm', 'membershipStaff.courses',
    'qualification', 'qualificationOverdue.actions', 'qualificationOverdue.staff',
  ],
  /** app/staff/review/layout.tsx: module E's console. */
  staffReview: [
    'console.export', 'console.print', 'documents.errors', 'documents.phone', 'documents.upload', 'review.options',
    'review.staff', 'review.step', 'workflow.review',
  ],
  /** app/staff/layout.tsx: the staff console's shell (side navigation, bell, account menu); each area brings its own. */
  staffShell: ['notifications'],
  /** app/staff/(main)/layout.tsx: the console's own pages (dashboard, queue, users, notices, payments, audit …). */
  staff: [
    'a11y', 'account', 'accreditation.settings', 'accreditedInstitutions.import', 'accreditedInstitutions.list',
    'bankTransfer.staff', 'certificates.staff', 'console.bulk', 'console.export', 'console.print', 'delegation.form',
    'documents.errors', 'documents.phone', 'documents.upload', 'forcedReading.staff', 'legacy.import', 'modules',
    'notifications', 'payments.staff', 'publications', 'siteFooter', 'staffUsers', 'workflow.queue', 'workflow.review',
  ],
} as const satisfies Record<string, readonly string[]>;

export type ClientScope = keyof typeof CLIENT_NAMESPACES;

type Tree = { [key: string]: unknown };

/** The sub-tree of `messages` holding exactly the given paths (a missing path is left out). */
export function pickMessages(messages: Tree, paths: readonly string[]): Tree {
  const out: Tree = {};
  for (const path of paths) {
    const parts = path.split('.');
    let from: unknown = messages;
    for (const p of parts) from = from && typeof from === 'object' ? (from as Tree)[p] : undefined;
    if (from === undefined) continue;
    let to = out;
    for (const p of parts.slice(0, -1)) to = (to[p] ??= {}) as Tree;
    to[parts[parts.length - 1]] = from;
  }
  return out;
}
