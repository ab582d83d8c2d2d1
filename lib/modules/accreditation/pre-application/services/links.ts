/** The two single-purpose links a pre-application's contact receives (SPEC §2.3): both expire after 7 days. */
export const VERIFY_PURPOSE = 'preapp_verify';
export const VIEW_PURPOSE = 'preapp_view';
export const VERIFY_TTL_SECONDS = 7 * 24 * 3600;
export const VIEW_TTL_SECONDS = 7 * 24 * 3600;
/** Re-sending the verification email: at most this many per application per hour. */
export const RESEND_PER_HOUR = 3;
