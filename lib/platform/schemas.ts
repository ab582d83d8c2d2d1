import { z } from 'zod';
import { hasForbiddenChars } from './text-rules';

/**
 * The one UUID rule: 8-4-4-4-12 hex digits, any version (what a Postgres
 * `uuid` column accepts). Ids from paths, queries and forms are checked with
 * it before they reach a query, so a malformed id is "not found", never a
 * database error.
 */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (s: unknown): s is string => typeof s === 'string' && UUID_PATTERN.test(s);

/** A zod UUID string, optionally with its own (Chinese) message. */
export const uuidSchema = (message?: string) => z.guid(message ? { error: message } : undefined);

/**
 * A list page's free-text search parameter: trimmed, at most `max`
 * characters; anything unusable (too long, not a string, a control character) or empty is
 * "no search" rather than an error, so a hand-edited URL still lists.
 */
export const searchParamSchema = (max = 64) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((v) => !hasForbiddenChars(v))
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined);
