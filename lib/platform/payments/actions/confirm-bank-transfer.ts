'use server';
import { bindAction } from '../../auth/actions';
import { confirmBankTransferDef } from '../bank-transfer';

/** Finance confirms a bank transfer: the order is paid (idempotent). */
export async function confirmBankTransferAction(input: { transferId: string }) {
  return bindAction(confirmBankTransferDef)(input);
}
