import sharp, { type OutputInfo } from 'sharp';
import { AppError } from '@/lib/platform/errors';
import {
  PHOTO_MAX_SOURCE_PIXELS,
  PHOTO_MIN_SOURCE,
  PHOTO_MIN_SOURCE_BYTES,
  PHOTO_QUALITY_STEPS,
  PHOTO_STANDARD,
  PHOTO_TARGET_BYTES,
  type PhotoBackground,
} from '../standard';

/**
 * What the seed's Windows "照片审核处理工具" did, on the server: check the
 * source (real JPEG, > 30 KB, large enough, red/white/blue plain background)
 * and produce the standard photo (EXIF-rotated, cropped to 215:300, resized,
 * compressed to about 10 KB, every metadata block stripped).
 */
export type PhotoSize = { bytes: number; width: number; height: number };

export type ProcessedPhoto = {
  /** The standard photo (JPEG, no metadata). */
  buffer: Buffer;
  background: PhotoBackground;
  /** The source as the candidate sees it (after EXIF rotation). */
  original: PhotoSize;
  standard: PhotoSize & { quality: number };
};

const refuse = (key: string, params?: Record<string, string | number>) => new AppError('BAD_INPUT', { messageKey: `examPhoto.errors.${key}`, params });

/** Decoder options for untrusted input: EXIF orientation applied on load, a pixel cap against decompression bombs. */
const input = (buf: Buffer) => sharp(buf, { autoOrient: true, failOn: 'error', limitInputPixels: PHOTO_MAX_SOURCE_PIXELS });

/** The crop box (in the EXIF-rotated image) with the standard's aspect ratio. */
export function cropBox(width: number, height: number): { left: number; top: number; width: number; height: number } {
  const ratio = PHOTO_STANDARD.width / PHOTO_STANDARD.height;
  if (width / height > ratio) {
    // Too wide: the person stands in the middle, cut both sides equally.
    const w = Math.min(width, Math.round(height * ratio));
    return { left: Math.floor((width - w) / 2), top: 0, width: w, height };
  }
  // Too tall: a head sits in the upper part of a portrait, so keep more of the top than a centred cut would.
  const h = Math.min(height, Math.round(width / ratio));
  return { left: 0, top: Math.floor((height - h) * 0.3), width, height: h };
}

// ---- background ----------------------------------------------------------

type Tone = PhotoBackground | 'other';

/** One pixel's tone by HSV: the ID-photo reds, whites (incl. light grey) and blues; anything else is 'other'. */
export function toneOf(r: number, g: number, b: number): Tone {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const v = max / 255;
  const s = max === 0 ? 0 : (max - min) / max;
  if (s <= 0.12 && v >= 0.78) return 'white';
  if (max === min) return 'other';
  let h: number;
  if (max === r) h = (60 * ((g - b) / (max - min)) + 360) % 360;
  else if (max === g) h = 60 * ((b - r) / (max - min)) + 120;
  else h = 60 * ((r - g) / (max - min)) + 240;
  if ((h >= 340 || h <= 15) && s >= 0.45 && v >= 0.35) return 'red';
  if (h >= 190 && h <= 250 && s >= 0.3 && v >= 0.3) return 'blue';
  return 'other';
}

/** Analysis raster: the cropped photo at a small size, so sensor noise and JPEG artefacts average out. */
const PROBE = { width: 72, height: 100 } as const;

/**
 * Samples where an ID photo shows only background — the strip above the head
 * and the left and right edges down to about shoulder height (corners
 * included) — and returns the background's colour, or null when those parts
 * are not one plain red, white or blue.
 */
export function classifyBackground(rgb: Uint8Array, width: number, height: number): PhotoBackground | null {
  const side = Math.max(1, Math.round(width * 0.1));
  const regions = {
    top: { x0: 0, x1: width, y0: 0, y1: Math.max(1, Math.round(height * 0.08)) },
    left: { x0: 0, x1: side, y0: 0, y1: Math.round(height * 0.55) },
    right: { x0: width - side, x1: width, y0: 0, y1: Math.round(height * 0.55) },
  };
  const total: Record<Tone, number> = { red: 0, white: 0, blue: 0, other: 0 };
  const perRegion: Array<Record<Tone, number> & { n: number }> = [];
  for (const r of Object.values(regions)) {
    const c = { red: 0, white: 0, blue: 0, other: 0, n: 0 };
    for (let y = r.y0; y < r.y1; y++) {
      for (let x = r.x0; x < r.x1; x++) {
        const i = (y * width + x) * 3;
        const tone = toneOf(rgb[i], rgb[i + 1], rgb[i + 2]);
        c[tone]++;
        c.n++;
        total[tone]++;
      }
    }
    perRegion.push(c);
  }
  const n = perRegion.reduce((a, c) => a + c.n, 0);
  const best = (['red', 'white', 'blue'] as const).reduce((a, b) => (total[b] > total[a] ? b : a));
  // Plain: one colour nearly everywhere it is sampled, and clearly in each region (a two-colour backdrop fails here).
  if (total[best] < n * 0.85) return null;
  if (perRegion.some((c) => c[best] < c.n * 0.7)) return null;
  return best;
}

// ---- the whole check ---------------------------------------------------

/**
 * Checks a source photo and produces the standard photo. Throws a BAD_INPUT
 * AppError with the candidate-facing reason on the first rule it breaks.
 */
export async function processPhoto(source: Buffer | Uint8Array): Promise<ProcessedPhoto> {
  const buf = Buffer.isBuffer(source) ? source : Buffer.from(source.buffer, source.byteOffset, source.byteLength);
  let meta;
  try {
    // Only the header is read here (no pixels decoded), so sharp's pixel limit does not apply: a huge
    // image is then refused by the pixel rule below with its own message, not taken for "not a JPEG".
    meta = await sharp(buf, { limitInputPixels: false }).metadata();
  } catch {
    // Not an image at all: the format rule is what the candidate broke.
    throw refuse('notJpeg');
  }
  // The decoder's verdict on the bytes, not the file name.
  if (meta.format !== 'jpeg') throw refuse('notJpeg');
  if (buf.byteLength <= PHOTO_MIN_SOURCE_BYTES) throw refuse('fileTooSmall');
  const { width, height } = meta.autoOrient;
  if (width * height > PHOTO_MAX_SOURCE_PIXELS) throw refuse('tooManyPixels', { max: Math.round(PHOTO_MAX_SOURCE_PIXELS / 10_000) });
  if (width < PHOTO_MIN_SOURCE.width || height < PHOTO_MIN_SOURCE.height) {
    throw refuse('tooFewPixels', { minWidth: PHOTO_MIN_SOURCE.width, minHeight: PHOTO_MIN_SOURCE.height, width, height });
  }
  const box = cropBox(width, height);

  let resized: { data: Buffer; info: OutputInfo };
  try {
    // One decode of the (possibly large) source; everything after works on the small standard raster.
    resized = await input(buf)
      .extract(box)
      .resize(PHOTO_STANDARD.width, PHOTO_STANDARD.height, { fit: 'fill' })
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw refuse('unreadable');
  }
  const raw = { width: resized.info.width, height: resized.info.height, channels: resized.info.channels };
  const probe = await sharp(resized.data, { raw }).resize(PROBE.width, PROBE.height, { fit: 'fill' }).raw().toBuffer();
  const background = classifyBackground(probe, PROBE.width, PROBE.height);
  if (!background) throw refuse('background');

  // Highest quality that fits the target; sharp writes no EXIF/XMP/ICC/GPS unless asked to.
  let out: Buffer | null = null;
  let quality: number = PHOTO_QUALITY_STEPS[0];
  for (const q of PHOTO_QUALITY_STEPS) {
    out = await sharp(resized.data, { raw }).jpeg({ quality: q, mozjpeg: true, chromaSubsampling: '4:2:0' }).toBuffer();
    quality = q;
    if (out.byteLength <= PHOTO_TARGET_BYTES) break;
  }
  return {
    buffer: out!,
    background,
    original: { bytes: buf.byteLength, width, height },
    standard: { bytes: out!.byteLength, width: raw.width, height: raw.height, quality },
  };
}
