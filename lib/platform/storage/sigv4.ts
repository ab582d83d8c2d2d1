import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * AWS Signature Version 4 checking for the embedded S3 server (s3rver checks
 * no signature at all): a request is let through only when it is signed with
 * the embedded credentials — a presigned URL (query) that has not expired, or
 * an Authorization header dated within 15 minutes. What the signature covers
 * is what AWS covers: method, path, query, the signed headers (the host, and a
 * presigned upload's content-length when the URL binds it), and the payload
 * hash the client declared.
 */
export type Credentials = { accessKeyId: string; secretAccessKey: string };

const hmac = (key: crypto.BinaryLike, data: string) => crypto.createHmac('sha256', key).update(data).digest();
const sha256hex = (data: string) => crypto.createHash('sha256').update(data).digest('hex');

/** RFC 3986 encoding, as SigV4 wants it. */
const encode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function decodeComponent(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, '%20'));
  } catch {
    return s;
  }
}

function canonicalQuery(rawQuery: string, skip: string): string {
  if (!rawQuery) return '';
  const pairs = rawQuery
    .split('&')
    .filter(Boolean)
    .map((p) => {
      const i = p.indexOf('=');
      const k = decodeComponent(i < 0 ? p : p.slice(0, i));
      const v = i < 0 ? '' : decodeComponent(p.slice(i + 1));
      return [encode(k), encode(v)] as const;
    })
    .filter(([k]) => k !== skip);
  pairs.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function canonicalHeaders(req: IncomingMessage, signed: string[]): string | null {
  let out = '';
  for (const name of signed) {
    const v = req.headers[name];
    if (v === undefined) return null;
    out += `${name}:${(Array.isArray(v) ? v.join(',') : v).trim().replace(/\s+/g, ' ')}\n`;
  }
  return out;
}

const AMZ_DATE = /^(\d{8})T\d{6}Z$/;
const parseAmzDate = (s: string): number => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
};

export type SignatureVerdict = { ok: true } | { ok: false; reason: string };

/** Checks the request's SigV4 signature (header or presigned query) against `creds`. */
export function verifySigV4(req: IncomingMessage, creds: Credentials, now = Date.now()): SignatureVerdict {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? '' : url.slice(q + 1);
  const params = new URLSearchParams(rawQuery);
  const auth = req.headers.authorization;

  let credential: string, signedHeaders: string[], signature: string, amzDate: string, payloadHash: string, skip: string;
  if (params.get('X-Amz-Algorithm')) {
    if (params.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return { ok: false, reason: 'algorithm' };
    credential = params.get('X-Amz-Credential') ?? '';
    signedHeaders = (params.get('X-Amz-SignedHeaders') ?? '').split(';').filter(Boolean);
    signature = params.get('X-Amz-Signature') ?? '';
    amzDate = params.get('X-Amz-Date') ?? '';
    const expires = Number(params.get('X-Amz-Expires'));
    if (!Number.isInteger(expires) || expires < 1 || expires > 7 * 86_400) return { ok: false, reason: 'expires' };
    const at = parseAmzDate(amzDate);
    if (!Number.isFinite(at) || now > at + expires * 1000 || at > now + 15 * 60_000) return { ok: false, reason: 'expired' };
    payloadHash = 'UNSIGNED-PAYLOAD';
    skip = 'X-Amz-Signature';
  } else if (auth?.startsWith('AWS4-HMAC-SHA256 ')) {
    const fields = Object.fromEntries(
      auth
        .slice('AWS4-HMAC-SHA256 '.length)
        .split(',')
        .map((f) => f.trim().split('=') as [string, string]),
    );
    credential = fields.Credential ?? '';
    signedHeaders = (fields.SignedHeaders ?? '').split(';').filter(Boolean);
    signature = fields.Signature ?? '';
    amzDate = String(req.headers['x-amz-date'] ?? '');
    const at = parseAmzDate(amzDate);
    if (!Number.isFinite(at) || Math.abs(now - at) > 15 * 60_000) return { ok: false, reason: 'date' };
    payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
    if (!payloadHash) return { ok: false, reason: 'payload hash' };
    skip = '';
  } else {
    return { ok: false, reason: 'unsigned' };
  }

  const [accessKeyId, date, region, service, term] = credential.split('/');
  if (accessKeyId !== creds.accessKeyId || service !== 's3' || term !== 'aws4_request' || !region) return { ok: false, reason: 'credential' };
  if (AMZ_DATE.exec(amzDate)?.[1] !== date) return { ok: false, reason: 'scope date' };
  if (!signedHeaders.includes('host')) return { ok: false, reason: 'host not signed' };
  if (!/^[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: 'signature' };
  const headers = canonicalHeaders(req, signedHeaders);
  if (headers === null) return { ok: false, reason: 'signed header missing' };

  const canonicalRequest = [req.method ?? 'GET', path, canonicalQuery(rawQuery, skip), headers, signedHeaders.join(';'), payloadHash].join('\n');
  const scope = `${date}/${region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256hex(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${creds.secretAccessKey}`, date), region), 's3'), 'aws4_request');
  const expected = crypto.createHmac('sha256', key).update(stringToSign).digest('hex');
  const ok = crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
  return ok ? { ok: true } : { ok: false, reason: 'mismatch' };
}
