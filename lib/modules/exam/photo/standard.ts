import { MB, type SlotSpec } from '@/lib/platform/documents/slots';

/**
 * The exam ID photo standard (SPEC §5.2, seed 003 §3).
 *
 * The seed asks for a JPG/JPEG source "大于30K, 像素大于300*215" on a red, white
 * or blue background, and says the official tool turns it into a photo of
 * "10K左右". We read 300×215 as height × width: 215:300 is the 1-inch ID ratio
 * (25 × 35 mm ≈ 0.714), portrait like every ID photo. The tool demands a
 * source at least that large because that is what it produces, so the
 * standard photo is exactly 215 × 300 px (width × height), compressed to about
 * 10 KB: never upscaled, whatever the source.
 *
 * Pure data: the page's rule list and the server use the same numbers.
 */
export const PHOTO_STANDARD = { width: 215, height: 300 } as const;

/** Smallest source accepted, width × height after EXIF rotation; always ≥ the standard, so the crop never upscales. */
export const PHOTO_MIN_SOURCE = { width: PHOTO_STANDARD.width, height: PHOTO_STANDARD.height } as const;

/** "源文件大于30K": sources of 30 KB or less are refused. */
export const PHOTO_MIN_SOURCE_BYTES = 30 * 1024;

/** A camera original may be large, but not a decompression bomb (50 megapixels ≈ 8200 × 6100). */
export const PHOTO_MAX_SOURCE_PIXELS = 50_000_000;

/** "10K左右": quality is lowered step by step until the photo fits; a photo still larger at the lowest step keeps that step. */
export const PHOTO_TARGET_BYTES = 12 * 1024;
export const PHOTO_QUALITY_STEPS = [90, 85, 80, 75, 70, 65, 60, 55, 50, 45, 40] as const;

export const PHOTO_BACKGROUNDS = ['red', 'white', 'blue'] as const;
export type PhotoBackground = (typeof PHOTO_BACKGROUNDS)[number];

/** The personal document slot the browser uploads the source into (presigned PUT + ticket, like every upload). */
export const EXAM_PHOTO_SLOT = 'exam_photo';

export const examPhotoSlot: SlotSpec = {
  key: EXAM_PHOTO_SLOT,
  label: 'examPhoto.slot',
  types: ['jpg'],
  maxBytes: 5 * MB,
  required: true,
};
