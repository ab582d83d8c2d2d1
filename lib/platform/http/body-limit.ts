/**
 * The largest server-action request body (issue #15.11). Next.js is told the
 * same limit (next.config.ts `serverActions.bodySizeLimit`); proxy.ts answers
 * a larger declared body with 413 and a message before Next reads it. The
 * largest legitimate body is a 2 MB staff import sent as base64 (~2.7 MB).
 */
export const ACTION_BODY_LIMIT_MB = 4;
export const ACTION_BODY_LIMIT_BYTES = ACTION_BODY_LIMIT_MB * 1024 * 1024;

const MESSAGES = {
  'zh-CN': (max: string) => `提交的内容过大（上限 ${max}），请减小后重试`,
  en: (max: string) => `What you sent is too large (at most ${max}): make it smaller and try again`,
} as const;

/** The 413 answer: JSON like every action failure, in the visitor's language (the locale cookie). */
export function payloadTooLargeResponse(cookieHeader: string | null): Response {
  const locale = /(?:^|;\s*)NEXT_LOCALE=en(?:;|$)/.test(cookieHeader ?? '') ? 'en' : 'zh-CN';
  const message = MESSAGES[locale](`${ACTION_BODY_LIMIT_MB} MB`);
  return new Response(JSON.stringify({ ok: false, code: 'PAYLOAD_TOO_LARGE', message }), {
    status: 413,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}
