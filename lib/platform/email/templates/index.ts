import type { AppLocale } from '@/i18n/config';
import type { EmailTemplate } from '../render';
import * as bankTransferRejected from './bank-transfer-rejected';
import * as credentials from './credentials';
import * as links from './link-emails';
import * as refundResult from './refund-result';
import * as reminder from './reminder';
import * as workflowStatus from './workflow-status';

/** Every email template with its preview props and subject (the staff preview page lists these). */
export type TemplateEntry<P> = { key: string; Component: EmailTemplate<P>; PreviewProps: P; subject: (p: P, locale?: AppLocale) => string };

const entry = <P,>(key: string, Component: EmailTemplate<P>, PreviewProps: P, subject: (p: P, locale?: AppLocale) => string): TemplateEntry<P> => ({ key, Component, PreviewProps, subject });

export const EMAIL_TEMPLATES = [
  entry('workflowStatus', workflowStatus.WorkflowStatusEmail, workflowStatus.PreviewProps, workflowStatus.workflowStatusSubject),
  entry('reminder', reminder.ReminderEmail, reminder.PreviewProps, reminder.reminderSubject),
  entry('credentials', credentials.CredentialsEmail, credentials.PreviewProps, credentials.credentialsSubject),
  entry('refundResult', refundResult.RefundResultEmail, refundResult.PreviewProps, refundResult.refundResultSubject),
  entry('bankTransferRejected', bankTransferRejected.BankTransferRejectedEmail, bankTransferRejected.PreviewProps, bankTransferRejected.bankTransferRejectedSubject),
  entry('passwordReset', links.PasswordResetEmail, links.PasswordResetPreviewProps, links.passwordResetSubject),
  entry('emailChange', links.EmailChangeEmail, links.EmailChangePreviewProps, links.emailChangeSubject),
  entry('institutionReset', links.InstitutionResetEmail, links.InstitutionResetPreviewProps, links.institutionResetSubject),
  entry('preApplicationVerify', links.PreApplicationVerifyEmail, links.PreApplicationVerifyPreviewProps, links.preApplicationVerifySubject),
  entry('preApplicationApproved', links.PreApplicationApprovedEmail, links.PreApplicationApprovedPreviewProps, links.preApplicationApprovedSubject),
  entry('preApplicationRejected', links.PreApplicationRejectedEmail, links.PreApplicationRejectedPreviewProps, links.preApplicationRejectedSubject),
] as const;

export { WorkflowStatusEmail, workflowStatusSubject, type WorkflowStatusEmailProps } from './workflow-status';
export { ReminderEmail, reminderSubject, type ReminderEmailProps } from './reminder';
export { CredentialsEmail, credentialsSubject, type CredentialsEmailProps } from './credentials';
export { RefundResultEmail, refundResultSubject, type RefundResultEmailProps } from './refund-result';
export { BankTransferRejectedEmail, bankTransferRejectedSubject, type BankTransferRejectedEmailProps } from './bank-transfer-rejected';
export {
  PasswordResetEmail,
  passwordResetSubject,
  EmailChangeEmail,
  emailChangeSubject,
  InstitutionResetEmail,
  institutionResetSubject,
  PreApplicationVerifyEmail,
  preApplicationVerifySubject,
  PreApplicationApprovedEmail,
  preApplicationApprovedSubject,
  PreApplicationRejectedEmail,
  preApplicationRejectedSubject,
} from './link-emails';
