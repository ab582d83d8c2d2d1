import type { AppLocale } from '@/i18n/config';
import zhBase from './zh-CN.json';
import enBase from './en.json';
import zhWorkflow from './zh-CN/workflow.json';
import enWorkflow from './en/workflow.json';
import zhDocuments from './zh-CN/documents.json';
import enDocuments from './en/documents.json';
import zhPdf from './zh-CN/pdf.json';
import enPdf from './en/pdf.json';
import zhNotifications from './zh-CN/notifications.json';
import enNotifications from './en/notifications.json';
import zhPublications from './zh-CN/publications.json';
import enPublications from './en/publications.json';
import zhAccreditation from './zh-CN/accreditation.json';
import enAccreditation from './en/accreditation.json';
import zhAccredited from './zh-CN/accreditedInstitutions.json';
import enAccredited from './en/accreditedInstitutions.json';
import zhExamAdmin from './zh-CN/examAdmin.json';
import enExamAdmin from './en/examAdmin.json';
import zhExamPhoto from './zh-CN/examPhoto.json';
import enExamPhoto from './en/examPhoto.json';
import zhPayments from './zh-CN/payments.json';
import zhExam from './zh-CN/exam.json';
import enExam from './en/exam.json';
import enPayments from './en/payments.json';
import zhBankTransfer from './zh-CN/bankTransfer.json';
import enBankTransfer from './en/bankTransfer.json';
import zhCertificates from './zh-CN/certificates.json';
import enCertificates from './en/certificates.json';
import zhLinkEmails from './zh-CN/link-emails.json';
import enLinkEmails from './en/link-emails.json';
import zhMembership from './zh-CN/membership.json';
import enMembership from './en/membership.json';
import zhDelegation from './zh-CN/delegation.json';
import enDelegation from './en/delegation.json';
import zhReview from './zh-CN/review.json';
import enReview from './en/review.json';

/**
 * Every visible string. The base files hold the shell and identity strings;
 * each later area owns one namespace file per locale (messages/<locale>/<ns>.json,
 * whose top-level keys are the namespaces it defines), merged here so that
 * parallel work never edits the same catalog file.
 */
type Catalog = Record<string, unknown>;

function merge(...parts: Catalog[]): Catalog {
  const out: Catalog = {};
  for (const part of parts) {
    for (const [k, v] of Object.entries(part)) {
      if (k in out) throw new Error(`message namespace "${k}" is defined twice`);
      out[k] = v;
    }
  }
  return out;
}

/** The message shape (from the Chinese catalog, the reference locale). */
export type Messages = typeof zhBase &
  typeof zhWorkflow &
  typeof zhDocuments &
  typeof zhPdf &
  typeof zhNotifications &
  typeof zhPublications &
  typeof zhAccreditation &
  typeof zhAccredited &
  typeof zhExamAdmin &
  typeof zhExamPhoto &
  typeof zhPayments &
  typeof zhExam &
  typeof zhBankTransfer &
  typeof zhCertificates &
  typeof zhLinkEmails &
  typeof zhMembership &
  typeof zhDelegation &
  typeof zhReview;

export const catalogs: Record<AppLocale, Messages> = {
  'zh-CN': merge(zhBase, zhWorkflow, zhDocuments, zhPdf, zhNotifications, zhPublications, zhAccreditation, zhAccredited, zhExamAdmin, zhExamPhoto, zhPayments, zhExam, zhBankTransfer, zhCertificates, zhLinkEmails, zhMembership, zhDelegation, zhReview) as Messages,
  en: merge(enBase, enWorkflow, enDocuments, enPdf, enNotifications, enPublications, enAccreditation, enAccredited, enExamAdmin, enExamPhoto, enPayments, enExam, enBankTransfer, enCertificates, enLinkEmails, enMembership, enDelegation, enReview) as Messages,
};
