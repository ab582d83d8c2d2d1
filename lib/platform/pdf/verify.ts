import { and, eq, exists } from 'drizzle-orm';
import { applications, documents } from '@/db/schema';
import type { DbOrTx } from '@/db';

/**
 * The public verification of a document number (the QR code on every
 * generated PDF leads to /verify/<number>): only what the document itself
 * shows — number, kind, status — and the applicant's name partly hidden, so
 * the page confirms a paper in someone's hands without becoming a directory.
 */
export type Verification = { number: string; kind: string; status: string; applicantMasked: string };

/**
 * A verified document that is not an application (a receipt, an admission
 * ticket): what its verifier found, in message keys the page translates.
 * `valid` is false for a document that was issued but no longer holds (a
 * refunded receipt, the ticket of a refunded registration).
 */
export type VerifiedRecord = {
  number: string;
  /** e.g. 'pdf.verify.types.receipt' */
  typeKey: string;
  /** e.g. 'payments.status.paid' */
  statusKey: string;
  valid: boolean;
  holderMasked: string;
  /** `valueKey`: the value is a message key (e.g. 长期有效), not data. */
  facts: Array<{ labelKey: string; value: string | Date; valueKey?: boolean }>;
  /** Other documents this one points at (a replaced certificate → its replacement), shown as /verify links. */
  links?: Array<{ labelKey: string; number: string }>;
  /** Why it no longer holds, more specific than the generic note (a message key). */
  invalidKey?: string;
};

export type VerifiedDocument = ({ type: 'application' } & Verification) | ({ type: 'record' } & VerifiedRecord);

/** The slot of the application form issued after a decision (lib/platform/workflow/issue-pdf.ts). */
export const ISSUED_FORM_SLOT = 'issued_form';

/**
 * An application number verifies only once its form was issued (the stored
 * `issued_form` PDF a decision produces): application numbers are sequential,
 * and a draft, an unverified pre-application or anything still under way is
 * nobody's business at /verify (issue #15.9).
 */
export async function verifyDocumentNumber(db: DbOrTx, number: string): Promise<Verification | null> {
  const n = number.trim();
  // Numbers are short ASCII (prefix + year + sequence); anything else cannot match, so skip the query.
  if (!n || n.length > 64) return null;
  const issued = db
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.applicationId, applications.id), eq(documents.slot, ISSUED_FORM_SLOT), eq(documents.source, 'generated')));
  const [row] = await db
    .select({ number: applications.number, kind: applications.kind, status: applications.status, applicantName: applications.applicantName })
    .from(applications)
    .where(and(eq(applications.number, n), exists(issued)));
  if (!row) return null;
  return { number: row.number, kind: row.kind, status: row.status, applicantMasked: maskApplicantName(row.applicantName) };
}

// Longest first, so 股份有限公司 wins over 有限公司.
const ORG_SUFFIXES = ['股份有限公司', '有限责任公司', '有限公司', '研究院', '研究所', '研究中心', '检测中心', '委员会', '事务所', '中心', '协会', '学会', '大学', '学院', '医院', '集团', '公司', '站', '所', '院', '局', '厅'];

/**
 * 杭州华测检测有限公司 → 杭州**检测有限公司 (region, then the hidden trade
 * name, then the business and legal form); 王小明 → 王*明; 张三 → 张*.
 * At most four stars, so the length of what is hidden is not given away.
 */
export function maskApplicantName(name: string): string {
  const chars = Array.from(name.trim());
  const n = chars.length;
  if (n <= 1) return chars.join('');
  if (n === 2) return `${chars[0]}*`;
  if (n <= 5) return `${chars[0]}${'*'.repeat(n - 2)}${chars[n - 1]}`;
  const head = 2;
  const joined = chars.join('');
  const suffix = ORG_SUFFIXES.find((s) => joined.endsWith(s));
  // Keep the legal form plus two characters of the business before it; always hide at least two.
  const tail = Math.min(suffix ? Array.from(suffix).length + 2 : Math.ceil((n - head) / 2), n - head - 2);
  const hidden = n - head - tail;
  return `${chars.slice(0, head).join('')}${'*'.repeat(Math.min(hidden, 4))}${chars.slice(n - tail).join('')}`;
}
