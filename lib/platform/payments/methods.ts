/**
 * Payment methods: what the payer chooses at the cashier step (微信支付 /
 * 支付宝) and, from the device they use, how the platform is reached —
 *
 *   wechat_native  WeChat Pay Native: a QR code on a desktop page, scanned with WeChat
 *   wechat_h5      WeChat Pay H5: a phone browser is sent to WeChat's H5 cashier
 *   alipay_page    Alipay computer-website pay (alipay.trade.page.pay)
 *   alipay_wap     Alipay phone-website pay (alipay.trade.wap.pay)
 *
 * The chosen method is recorded on the order (orders.pay_method). Kept free
 * of server imports: the cashier step's picker uses these types and labels.
 */
export const PAY_CHANNELS = ['wechat', 'alipay'] as const;
export type PayChannel = (typeof PAY_CHANNELS)[number];

export const PAY_DEVICES = ['desktop', 'mobile'] as const;
export type PayDevice = (typeof PAY_DEVICES)[number];

export const PAY_METHODS = ['wechat_native', 'wechat_h5', 'alipay_page', 'alipay_wap'] as const;
export type PayMethod = (typeof PAY_METHODS)[number];

/** The method for a channel on a device: QR / page pay on a desktop, H5 / WAP on a phone. */
export function payMethodFor(channel: PayChannel, device: PayDevice): PayMethod {
  if (channel === 'wechat') return device === 'mobile' ? 'wechat_h5' : 'wechat_native';
  return device === 'mobile' ? 'alipay_wap' : 'alipay_page';
}

export function channelOf(method: PayMethod): PayChannel {
  return method.startsWith('wechat') ? 'wechat' : 'alipay';
}

export function isPayMethod(v: unknown): v is PayMethod {
  return typeof v === 'string' && (PAY_METHODS as readonly string[]).includes(v);
}

/** A phone by its user agent (the picker also looks at the screen width). */
export function isMobileUserAgent(ua: string): boolean {
  return /Mobi|Android|iPhone|iPod|HarmonyOS|MicroMessenger/i.test(ua);
}
