'use server';
import { bindAction } from '../../auth/actions';
import { rejectBankTransferDef } from '../bank-transfer';

/** Finance returns a bank transfer with a reason; the payer is told and may submit again. */
export async function rejectBankTransferAction(input: { transferId: string; reason: string }) {
  return bindAction(rejectBankTransferDef)(input);
}
