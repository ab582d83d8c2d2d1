'use server';
import { bindAction } from '@/lib/platform/auth/actions';
import { requestSmsCodeDef, type RequestSmsCodeInput } from '../services/request-sms-code';

export async function requestSmsCodeAction(input: RequestSmsCodeInput) {
  return bindAction(requestSmsCodeDef)(input);
}
