import { z } from 'zod';
import { PHOTO_FILE_KINDS } from './files';
import type { PhotoBackground } from './standard';

/** Inputs of the photo actions (shared by the page and the server) and what the page gets back. */
export const requestPhotoUploadSchema = z.object({
  fileName: z.string().trim().min(1).max(255),
  size: z.number().int().min(0),
  contentType: z.string().max(200).default(''),
});
export type RequestPhotoUploadInput = z.input<typeof requestPhotoUploadSchema>;

export const uploadPhotoSchema = z.object({ ticket: z.string().min(20).max(4000) });
export const confirmPhotoSchema = z.object({});

export { PHOTO_FILE_KINDS, photoHref, type PhotoFileKind } from './files';
export const photoFileKindSchema = z.enum(PHOTO_FILE_KINDS);

export type PhotoDimensions = { bytes: number; width: number; height: number };

/** The candidate's photo as the page shows it: the source and the standard photo side by side. */
export type PhotoView = {
  background: PhotoBackground;
  confirmedAt: string | null;
  /** Changes with every new photo: the image URLs carry it so a browser never shows the previous one. */
  version: string;
  /** The source; its pixel size is known right after the upload only (the row keeps the standard's). */
  original: { bytes: number | null; width: number | null; height: number | null };
  standard: PhotoDimensions;
};
