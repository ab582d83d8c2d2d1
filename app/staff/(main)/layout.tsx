import { ScopedIntlProvider } from '@/i18n/scoped-provider';

/**
 * The console's own pages (dashboard, queue, users, notices, payments, audit …): the messages of their client
 * components. A route group, so that the module areas beside it (exams, membership, personnel, review) get only
 * their own scope and not this one as well: nested providers each ship their messages.
 */
export default function StaffMainLayout({ children }: { children: React.ReactNode }) {
  return <ScopedIntlProvider scope="staff">{children}</ScopedIntlProvider>;
}
