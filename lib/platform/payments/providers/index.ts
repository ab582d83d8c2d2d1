import { readFileSync } from 'node:fs';
import type { Db } from '@/db';
import { env } from '../../env';
import { AppError } from '../../errors';
import { AlipayProvider } from './alipay';
import { BANK_TRANSFER, BankTransferProvider } from './bank-transfer';
import { channelOf, type PayChannel, type PayMethod } from '../methods';
import { SandboxProvider } from './sandbox';
import type { PaymentProvider } from './types';
import { WechatPayProvider } from './wechatpay';

export * from './types';
export { AlipayProvider, type AlipayConfig } from './alipay';
export { SandboxProvider, SANDBOX } from './sandbox';
export { BankTransferProvider, BANK_TRANSFER, bankTransferPath } from './bank-transfer';
export { WechatPayProvider, type WechatPayConfig } from './wechatpay';

/**
 * Providers by name. An order remembers the provider it was sent to, and a
 * payment the provider that took it, so queries and refunds go to the right
 * platform even after PAYMENT_PROVIDER changes. Kept on globalThis (one
 * registry per process, whichever bundle asks); tests register fakes here.
 */
export type ProviderFactory = (db: Db) => PaymentProvider;

export const WECHATPAY = 'wechatpay';

const g = globalThis as unknown as { __accreditPaymentProviders?: Map<string, ProviderFactory>; __accreditAlipay?: AlipayProvider; __accreditWechatPay?: WechatPayProvider };

const factories: Map<string, ProviderFactory> = (g.__accreditPaymentProviders ??= new Map<string, ProviderFactory>([
  ['sandbox', (db) => new SandboxProvider(db)],
  ['alipay', () => alipayFromEnv()],
]));
// Added apart from the initial map: a registry created before this provider existed (hot reload) gets it too.
if (!factories.has(BANK_TRANSFER)) factories.set(BANK_TRANSFER, (db) => new BankTransferProvider(db));
if (!factories.has(WECHATPAY)) factories.set(WECHATPAY, () => wechatPayFromEnv());

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

/**
 * The channels (微信支付 / 支付宝) a payer may choose, the one offered first
 * first: the sandbox plays both; otherwise the platforms whose credentials are
 * configured.
 */
export function availableChannels(): PayChannel[] {
  const e = env();
  // The sandbox: Alipay first, as the platform offered before WeChat Pay came.
  if (e.PAYMENT_PROVIDER === 'sandbox') return ['alipay', 'wechat'];
  const out: PayChannel[] = [];
  if (e.WECHATPAY_MCH_ID) out.push('wechat');
  if (e.ALIPAY_APP_ID) out.push('alipay');
  return e.PAYMENT_PROVIDER === 'alipay' ? out.reverse() : out;
}

/** The provider that takes a method: the sandbox plays them all; otherwise WeChat Pay or Alipay. */
export function providerForMethod(method: PayMethod): string {
  if (configuredProviderName() === 'sandbox') return 'sandbox';
  return channelOf(method) === 'wechat' ? WECHATPAY : 'alipay';
}

/** WeChat Pay from WECHATPAY_* (built once; the key files are read at the first use). */
export function wechatPayFromEnv(): WechatPayProvider {
  if (g.__accreditWechatPay) return g.__accreditWechatPay;
  const e = env();
  if (!e.WECHATPAY_MCH_ID || !e.WECHATPAY_APP_ID || !e.WECHATPAY_CERT_SERIAL || !e.WECHATPAY_PRIVATE_KEY_PATH || !e.WECHATPAY_APIV3_KEY || !e.WECHATPAY_PLATFORM_PUBLIC_KEY_PATH || !e.WECHATPAY_PLATFORM_KEY_ID) {
    throw new AppError('UNAVAILABLE', { detail: 'WeChat Pay is not configured (WECHATPAY_*)' });
  }
  const read = (name: string, path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch (err) {
      throw new Error(`${name}: cannot read ${path}`, { cause: err });
    }
  };
  g.__accreditWechatPay = new WechatPayProvider({
    mchId: e.WECHATPAY_MCH_ID,
    appId: e.WECHATPAY_APP_ID,
    certSerial: e.WECHATPAY_CERT_SERIAL,
    privateKey: read('WECHATPAY_PRIVATE_KEY_PATH', e.WECHATPAY_PRIVATE_KEY_PATH),
    apiV3Key: e.WECHATPAY_APIV3_KEY,
    platformPublicKey: read('WECHATPAY_PLATFORM_PUBLIC_KEY_PATH', e.WECHATPAY_PLATFORM_PUBLIC_KEY_PATH),
    platformKeyId: e.WECHATPAY_PLATFORM_KEY_ID,
    gateway: e.WECHATPAY_GATEWAY,
  });
  return g.__accreditWechatPay;
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
