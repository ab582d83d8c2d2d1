/**
 * The bare app's own (empty) instrumentation hook. Without it, Next 16 built from the repository's root
 * (`next build bench/bare-next`) picks up the platform's instrumentation.ts, which boots the whole platform
 * (database, storage, outbox) inside the reference server.
 */
export function register() {}
