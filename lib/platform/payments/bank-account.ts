import type { DbOrTx } from '@/db';
import { getSetting } from '../settings';

/**
 * The account payers transfer to (银行转账): the site setting
 * `payments.bankAccount` ({ accountName, bank, accountNumber }, any field may
 * be left out), over the default shipped here. Set it with setSetting (audited
 * by the caller) or a row in site_settings.
 */
export const BANK_ACCOUNT_SETTING = 'payments.bankAccount';

export type PayeeAccount = {
  /** 户名 */
  accountName: string;
  /** 开户行 */
  bank: string;
  /** 账号 */
  accountNumber: string;
};

/** The shipped default: a placeholder an operator replaces with the real account before accepting transfers. */
export const DEFAULT_PAYEE_ACCOUNT: PayeeAccount = {
  accountName: '认证认可一站式服务平台（示例收款单位）',
  bank: '中国工商银行北京分行营业部',
  accountNumber: '0200 0000 0000 0000 000',
};

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export async function payeeAccount(db: DbOrTx): Promise<PayeeAccount> {
  const raw = (await getSetting<Partial<PayeeAccount> | null | undefined>(db, BANK_ACCOUNT_SETTING)) ?? {};
  return {
    accountName: text(raw.accountName) ?? DEFAULT_PAYEE_ACCOUNT.accountName,
    bank: text(raw.bank) ?? DEFAULT_PAYEE_ACCOUNT.bank,
    accountNumber: text(raw.accountNumber) ?? DEFAULT_PAYEE_ACCOUNT.accountNumber,
  };
}
