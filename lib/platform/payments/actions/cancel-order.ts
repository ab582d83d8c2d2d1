'use server';
import { bindAction } from '../../auth/actions';
import { cancelOrderDef } from '../checkout';

export async function cancelOrderAction(input: { orderId: string }) {
  return bindAction(cancelOrderDef)(input);
}
