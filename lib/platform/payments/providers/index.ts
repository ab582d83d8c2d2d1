import type { Db } from '@/db';
import { env } from '../../env';
import { AppError } from '../../errors';
import { AlipayProvider } from './alipay';
import { BANK_TRANSFER, BankTransferProvider } from './bank-transfer';
import { SandboxProvider } from './sandbox';
import type { PaymentProvider } from './types';

export * from './types';
export { AlipayProvider, type AlipayConfig } from './alipay';
export { SandboxProvider, SANDBOX } from './sandbox';
export { BankTransferProvider, BANK_TRANSFER, bankTransferPath } from './bank-transfer';

/**
 * Providers by name. An order remembers the provider it was sent to, and a
 * payment the provider that took it, so queries and refunds go to the right
 * platform even after PAYMENT_PROVIDER changes. Kept on globalThis (one
 * registry per process, whichever bundle asks); tests register fakes here.
 */
export type ProviderFactory = (db: Db) => PaymentProvider;

const g = globalThis as unknown as { __accreditPaymentProviders?: Map<string, ProviderFactory>; __accreditAlipay?: AlipayProvider };

const factories: Map<string, ProviderFactory> = (g.__accreditPaymentProviders ??= new Map<string, ProviderFactory>([
  ['sandbox', (db) => new SandboxProvider(db)],
  ['alipay', () => alipayFromEnv()],
]));
// Added apart from the initial map: a registry created before this provider existed (hot reload) gets it too.
if (!factories.has(BANK_TRANSFER)) factories.set(BANK_TRANSFER, (db) => new BankTransferProvider(db));

/** Adds or replaces a provider (tests register fakes and an Alipay pointed at a local gateway). */
export function registerPaymentProvider(name: string, factory: ProviderFactory): void {
  factories.set(name, factory);
}

export function paymentProvider(db: Db, name: string): PaymentProvider {
  const f = factories.get(name);
  if (!f) throw new AppError('NOT_FOUND', { detail: `unknown payment provider ${name}` });
  return f(db);
}

/** The provider new payments go to (PAYMENT_PROVIDER). */
export function configuredProviderName(): string {
  return env().PAYMENT_PROVIDER;
}

/** Alipay from ALIPAY_* (built once; throws a readable error when a key cannot be read). */
export function alipayFromEnv(): AlipayProvider {
  if (g.__accreditAlipay) return g.__accreditAlipay;
  const e = env();
  if (!e.ALIPAY_APP_ID || !e.ALIPAY_PRIVATE_KEY || !e.ALIPAY_PUBLIC_KEY) {
    throw new AppError('UNAVAILABLE', { detail: 'Alipay is not configured (ALIPAY_APP_ID, ALIPAY_PRIVATE_KEY, ALIPAY_PUBLIC_KEY)' });
  }
  g.__accreditAlipay = new AlipayProvider({ appId: e.ALIPAY_APP_ID, privateKey: e.ALIPAY_PRIVATE_KEY, alipayPublicKey: e.ALIPAY_PUBLIC_KEY, gateway: e.ALIPAY_GATEWAY });
  return g.__accreditAlipay;
}
