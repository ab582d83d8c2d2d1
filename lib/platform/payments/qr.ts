import crypto from 'node:crypto';
import QRCode from 'qrcode';
import type { Db } from '@/db';
import { authSecret } from '../auth/secret';
import type { SignedInActor } from '../auth/actor';
import { isAppError } from '../errors';
import { isSafeRedirectPath } from '../safe-redirect';
import { getOrderFor } from './orders';
import { safeEqual } from './providers/signing';
import { SANDBOX } from './providers/sandbox';

/**
 * Our QR-code payment page (/pay/qr/<number>), for WeChat Pay Native on a
 * desktop: the platform gives us a code (weixin://wxpay/bizpayurl?pr=…), we
 * show it as a QR code, the payer scans it with WeChat on their phone, and the
 * page follows the order until it is paid. The link is signed (HMAC, a key
 * derived from the auth secret), so nobody can make this site show a code of
 * their own; the page shows only its owner's order.
 */
async function qrKey(db: Db): Promise<Buffer> {
  return crypto.createHmac('sha256', await authSecret(db)).update('payments.qr.v1').digest();
}

const QR_KEYS = ['order', 'code', 'ret'] as const;

async function qrSign(db: Db, p: Record<(typeof QR_KEYS)[number], string>): Promise<string> {
  return crypto
    .createHmac('sha256', await qrKey(db))
    .update(QR_KEYS.map((k) => `${k}=${p[k]}`).join('\n'))
    .digest('hex');
}

/** The signed path of the QR page for an order's code; `returnUrl` is the in-app path to go back to. */
export async function qrPagePath(db: Db, order: { id: string; number: string }, code: string, returnUrl: string): Promise<string> {
  const p = { order: order.id, code, ret: returnUrl };
  return `/pay/qr/${encodeURIComponent(order.number)}?${new URLSearchParams({ ...p, sig: await qrSign(db, p) })}`;
}

export type QrPaymentView = {
  orderId: string;
  number: string;
  title: string;
  amountFen: number;
  expiresAt: Date;
  status: string;
  paid: boolean;
  /** Still payable: unpaid and not past its time. */
  open: boolean;
  /** The code to show as a QR code, and the QR code itself (a PNG data URL). */
  code: string;
  qrImage: string;
  returnUrl: string;
  /**
   * The sandbox plays the platform: its code is a link to its own "scanned"
   * page, which the tester opens with a button instead of a phone.
   */
  sandboxScanPath: string | null;
};

/** The QR page's order, for its owner and a genuine link; null otherwise (the page answers 404). */
export async function qrPaymentView(db: Db, actor: SignedInActor, orderNumber: string, query: Record<string, string | string[] | undefined>): Promise<QrPaymentView | null> {
  const p: Record<string, string> = {};
  for (const k of [...QR_KEYS, 'sig'] as const) {
    const v = query[k];
    if (typeof v !== 'string' || v === '' || v.length > 4000) return null;
    p[k] = v;
  }
  if (!safeEqual(await qrSign(db, p as Record<(typeof QR_KEYS)[number], string>), p.sig) || !isSafeRedirectPath(p.ret)) return null;
  let order;
  try {
    order = await getOrderFor(db, actor, p.order);
  } catch (e) {
    if (isAppError(e)) return null;
    throw e;
  }
  if (order.userId !== actor.id || order.number !== orderNumber) return null;
  let sandboxScanPath: string | null = null;
  if (order.provider === SANDBOX) {
    const u = new URL(p.code);
    if (u.pathname.startsWith('/pay/sandbox/')) sandboxScanPath = `${u.pathname}${u.search}`;
  }
  return {
    orderId: order.id,
    number: order.number,
    title: order.title,
    amountFen: order.amountFen,
    expiresAt: order.expiresAt,
    status: order.status,
    paid: ['paid', 'refund_requested', 'refunded'].includes(order.status),
    open: order.status === 'unpaid' && order.expiresAt.getTime() > Date.now(),
    code: p.code,
    qrImage: await QRCode.toDataURL(p.code, { margin: 1, width: 240, errorCorrectionLevel: 'M' }),
    returnUrl: p.ret,
    sandboxScanPath,
  };
}
