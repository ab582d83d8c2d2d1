import type { DbOrTx } from '@/db';
import { verifyCertificate } from '@/lib/platform/certificates/verify';
import { verifyReceiptNumber } from '@/lib/platform/payments/verify';
import { verifyDocumentNumber, type VerifiedDocument } from '@/lib/platform/pdf/verify';
import { verifyTicketNumber } from './exam/registration/services/ticket';

/**
 * /verify/<number>: every kind of document the platform prints a QR code on —
 * certificates of the registry (by number or QR token),
 * applications' forms and letters (their application number), e-receipts
 * (order number DD…), admission tickets (ZKZ…). A number's shape says where to
 * look; an application number is the fallback. Usually one match; a ticket
 * number may match one ticket in each exam starting the same day.
 */
export async function verifyAnyNumber(db: DbOrTx, raw: string): Promise<VerifiedDocument[]> {
  const number = raw.trim();
  // Numbers are short ASCII (prefix + date + sequence); anything else cannot match, so skip the queries.
  if (!number || number.length > 64) return [];
  const certificate = await verifyCertificate(db, number);
  if (certificate) return [{ type: 'record', ...certificate }];
  const receipt = await verifyReceiptNumber(db, number);
  if (receipt) return [{ type: 'record', ...receipt }];
  const tickets = await verifyTicketNumber(db, number);
  if (tickets.length) return tickets.map((t) => ({ type: 'record' as const, ...t }));
  const application = await verifyDocumentNumber(db, number);
  return application ? [{ type: 'application', ...application }] : [];
}
