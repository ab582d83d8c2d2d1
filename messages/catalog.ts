import compile from 'icu-minify/compile';
import formatMessage from 'use-intl/format-message';
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
import zhMembershipChanges from './zh-CN/membershipChanges.json';
import enMembershipChanges from './en/membershipChanges.json';
import zhQualificationOverdue from './zh-CN/qualificationOverdue.json';
import enQualificationOverdue from './en/qualificationOverdue.json';
import zhQualification from './zh-CN/qualification.json';
import enQualification from './en/qualification.json';
import zhMembershipStaff from './zh-CN/membershipStaff.json';
import enMembershipStaff from './en/membershipStaff.json';
import zhPersonnel from './zh-CN/personnel.json';
import enPersonnel from './en/personnel.json';
import zhDelegation from './zh-CN/delegation.json';
import enDelegation from './en/delegation.json';
import zhReview from './zh-CN/review.json';
import enReview from './en/review.json';
import zhA11y from './zh-CN/a11y.json';
import enA11y from './en/a11y.json';
import zhRegions from './zh-CN/regions.json';
import enRegions from './en/regions.json';
import zhPaymentMethods from './zh-CN/payment-methods.json';
import enPaymentMethods from './en/payment-methods.json';
import zhOperations from './zh-CN/operations.json';
import enOperations from './en/operations.json';
import zhConsole from './zh-CN/console.json';
import enConsole from './en/console.json';

/**
 * Every visible string. The base files hold the shell and identity strings;
 * each later area owns one namespace file per locale (messages/<locale>/<ns>.json,
 * whose top-level keys are the namespaces it defines), merged here so that
 * parallel work never edits the same catalog file. Add an area with its two
 * imports and ONE line in NAMESPACE_FILES.
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

/** Each area's [Chinese, English] namespace file, one line each. */
const NAMESPACE_FILES = [
  [zhWorkflow, enWorkflow],
  [zhDocuments, enDocuments],
  [zhPdf, enPdf],
  [zhNotifications, enNotifications],
  [zhPublications, enPublications],
  [zhAccreditation, enAccreditation],
  [zhAccredited, enAccredited],
  [zhExamAdmin, enExamAdmin],
  [zhExamPhoto, enExamPhoto],
  [zhPayments, enPayments],
  [zhExam, enExam],
  [zhBankTransfer, enBankTransfer],
  [zhCertificates, enCertificates],
  [zhLinkEmails, enLinkEmails],
  [zhMembership, enMembership],
  [zhQualificationOverdue, enQualificationOverdue],
  [zhQualification, enQualification],
  [zhMembershipStaff, enMembershipStaff],
  [zhMembershipChanges, enMembershipChanges],
  [zhPersonnel, enPersonnel],
  [zhDelegation, enDelegation],
  [zhReview, enReview],
  [zhA11y, enA11y],
  [zhPaymentMethods, enPaymentMethods],
  [zhOperations, enOperations],
  [zhConsole, enConsole],
  [zhRegions, enRegions],
] as const;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** The message shape (from the Chinese catalog, the reference locale). */
export type Messages = typeof zhBase & UnionToIntersection<(typeof NAMESPACE_FILES)[number][0]>;

/**
 * The catalogs as written: ICU message strings. Read a label directly from here
 * (a name kept in Chinese, the app name, a key's existence); to FORMAT a message,
 * give a translator `messagesFor(locale)` instead.
 */
export const rawCatalogs: Record<AppLocale, Messages> = {
  'zh-CN': merge(zhBase, ...NAMESPACE_FILES.map(([zh]) => zh)) as Messages,
  en: merge(enBase, ...NAMESPACE_FILES.map(([, en]) => en)) as Messages,
};

/**
 * Whether use-intl formats precompiled messages. next.config.ts (Turbopack, server and
 * browser) and vitest.config.ts alias `use-intl/format-message` to its format-only
 * implementation, so no ICU parser (intl-messageformat) is shipped to the browser;
 * that formatter reads only compiled messages (and says so by not supporting `t.raw`).
 * Code run outside those bundles (tsx scripts: the seed, the benches) keeps the
 * parsing formatter and gets the raw catalogs.
 */
export const messagesPrecompiled = (formatMessage as { raw?: boolean }).raw === false;

/**
 * icu-minify builds the options of a plural or select with `Object.create(null)`;
 * React refuses null-prototype objects in what a server component passes to a
 * client one (the scoped providers' messages), so a compiled message is rebuilt
 * from plain objects and arrays (its JSON form, as next-intl's loader emits it).
 */
function plain(compiled: unknown): unknown {
  if (Array.isArray(compiled)) return compiled.map(plain);
  if (compiled && typeof compiled === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(compiled)) out[k] = plain(v);
    return out;
  }
  return compiled;
}

/**
 * A message tree with every string leaf compiled by icu-minify (the format of
 * use-intl's format-only formatter) into plain objects and arrays; objects and
 * arrays are walked, other leaves kept. A message that does not parse throws,
 * naming its key.
 */
export function compileMessages<T>(tree: T, path = ''): T {
  if (typeof tree === 'string') {
    let compiled: unknown;
    try {
      compiled = compile(tree);
    } catch (e) {
      throw new Error(`message ${path || '(root)'} does not compile: ${(e as Error).message}`);
    }
    return plain(compiled) as T;
  }
  if (Array.isArray(tree)) return tree.map((v, i) => compileMessages(v, `${path}.${i}`)) as T;
  if (tree && typeof tree === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(tree)) out[k] = compileMessages(v, path ? `${path}.${k}` : k);
    return out as T;
  }
  return tree;
}

const compiled: Partial<Record<AppLocale, Messages>> = {};

/**
 * The messages to give a translator: getTranslations (i18n/request.ts, and from
 * there the browser's providers), and every `createTranslator` (routes, emails,
 * PDFs, notifications, exports). Compiled once per process and locale, on first
 * use (~4,600 messages: 40–70 ms on a cold process, ~12 ms warm), then the same object; the raw catalog
 * where use-intl parses at run time (`messagesPrecompiled` false). Same shape
 * as the raw catalog (so translator keys stay typed), but a leaf is a compiled
 * message: never read a string out of it, read `rawCatalogs`.
 */
export function messagesFor(locale: AppLocale): Messages {
  if (!messagesPrecompiled) return rawCatalogs[locale];
  return (compiled[locale] ??= compileMessages(rawCatalogs[locale]));
}
