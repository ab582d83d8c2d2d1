/** The candidate's two photo files and where the page loads them from (the authorized route). Without zod: the photo page uses them at render time. */
export const PHOTO_FILE_KINDS = ['original', 'standard'] as const;
export type PhotoFileKind = (typeof PHOTO_FILE_KINDS)[number];

/** Where the page loads a photo file from (the authorized route). */
export const photoHref = (kind: PhotoFileKind, version: string) => `/api/exam/photo/${kind}?v=${encodeURIComponent(version)}`;
