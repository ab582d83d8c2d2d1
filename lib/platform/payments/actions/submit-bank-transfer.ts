'use server';
import { bindAction } from '../../auth/actions';
import { submitBankTransferDef } from '../bank-transfer';

/** The payer submits the transfer screenshot (an uploaded document) and a contact mobile for an order. */
export async function submitBankTransferAction(input: { orderId: string; documentId: string; mobile: string }) {
  return bindAction(submitBankTransferDef)(input);
}
