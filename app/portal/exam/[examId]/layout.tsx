import { ScopedIntlProvider } from '@/i18n/scoped-provider';

/** The messages of the exam registration steps' client components only (i18n/client-messages.ts); the shell keeps its own, and the exam list and photo pages theirs. */
export default function PortalExamLayout({ children }: { children: React.ReactNode }) {
  return <ScopedIntlProvider scope="portalExam">{children}</ScopedIntlProvider>;
}
