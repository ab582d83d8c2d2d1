import { ScopedIntlProvider } from '@/i18n/scoped-provider';

/** The exam photo page: the upload field's messages (i18n/client-messages.ts), which the registration steps do without. */
export default function ExamPhotoLayout({ children }: { children: React.ReactNode }) {
  return <ScopedIntlProvider scope="portalExamPhoto">{children}</ScopedIntlProvider>;
}
