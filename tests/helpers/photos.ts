import sharp from 'sharp';

/**
 * Synthetic ID photos for the photo tests (unit, integration, e2e): a plain
 * (or deliberately not plain) background, a skin-toned "head" ellipse and dark
 * shoulders. Head and shoulders carry pixel noise, like sensor noise in a real
 * photo, so the JPEG does not compress to a few KB: a 600×800 source is
 * reliably well over the 30 KB minimum (the tests assert it anyway).
 * Deterministic: a fixed-seed generator, so sizes do not vary between runs.
 */
export type Rgb = readonly [number, number, number];

export const COLORS = {
  red: [214, 18, 24],
  white: [246, 246, 244],
  blue: [67, 142, 219],
  green: [40, 170, 70],
} as const satisfies Record<string, Rgb>;

export type PhotoOptions = {
  width?: number;
  height?: number;
  /** A colour, or a function of the position (x, y in 0..1) for mixed backgrounds. */
  background?: Rgb | ((x: number, y: number) => Rgb);
  /** Noise amplitude in the head and shoulders (± per channel). */
  noise?: number;
  quality?: number;
  seed?: number;
};

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    // xorshift32: fast, good enough for texture.
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

const SKIN: Rgb = [206, 164, 136];
const SUIT: Rgb = [38, 40, 58];

/** The raw RGB scene (upright). */
export function scene({ width = 600, height = 800, background = COLORS.blue, noise = 40, seed = 7 }: PhotoOptions = {}): Buffer {
  const rand = rng(seed);
  const buf = Buffer.alloc(width * height * 3);
  const bg = typeof background === 'function' ? background : () => background;
  const cx = width / 2;
  const head = { cy: height * 0.42, rx: width * 0.2, ry: height * 0.2 };
  const body = { rx: width * 0.42, ry: height * 0.3 };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inHead = ((x - cx) / head.rx) ** 2 + ((y - head.cy) / head.ry) ** 2 <= 1;
      const inBody = ((x - cx) / body.rx) ** 2 + ((y - height) / body.ry) ** 2 <= 1;
      const base = inHead ? SKIN : inBody ? SUIT : bg(x / width, y / height);
      const i = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) {
        const v = inHead || inBody ? base[c] + Math.round((rand() - 0.5) * 2 * noise) : base[c];
        buf[i + c] = Math.max(0, Math.min(255, v));
      }
    }
  }
  return buf;
}

/** A JPEG ID photo. */
export async function jpegPhoto(opts: PhotoOptions = {}): Promise<Buffer> {
  const { width = 600, height = 800, quality = 92 } = opts;
  return sharp(scene(opts), { raw: { width, height, channels: 3 } }).jpeg({ quality }).toBuffer();
}

/** The same scene as a PNG (a format the photo rules refuse). */
export async function pngPhoto(opts: PhotoOptions = {}): Promise<Buffer> {
  const { width = 600, height = 800 } = opts;
  return sharp(scene(opts), { raw: { width, height, channels: 3 } }).png().toBuffer();
}

/**
 * A camera-style original: the upright scene stored sideways with EXIF
 * Orientation 6 ("rotate 90° clockwise to view"), plus camera make and GPS
 * position tags that the standard photo must not keep.
 */
export async function cameraPhoto(opts: PhotoOptions & { width: number; height: number }): Promise<Buffer> {
  const { width, height, quality = 90 } = opts;
  const stored = await sharp(scene(opts), { raw: { width, height, channels: 3 } }).rotate(-90).raw().toBuffer({ resolveWithObject: true });
  return sharp(stored.data, { raw: { width: stored.info.width, height: stored.info.height, channels: 3 } })
    .jpeg({ quality })
    .withExif({ IFD0: { Make: 'AccreditTestCam', Model: 'X1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 54/1 27/1', GPSLongitudeRef: 'E', GPSLongitude: '116/1 23/1 17/1' } })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** A small JPEG padded past 30 KB with an EXIF comment, so only its pixel size is wrong. */
export async function smallPaddedPhoto(width: number, height: number): Promise<Buffer> {
  return sharp(scene({ width, height }), { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 92 })
    .withExif({ IFD0: { ImageDescription: 'padding '.repeat(5000) } })
    .toBuffer();
}

/** Left half red, right half blue: each half plain, together not one background. */
export const twoColour = (x: number): Rgb => (x < 0.5 ? COLORS.red : COLORS.blue);

/** A left-to-right hue sweep (red → yellow → green → cyan → blue). */
export function hueSweep(x: number): Rgb {
  const h = x * 240;
  const f = (n: number) => {
    const k = (n + h / 60) % 6;
    return Math.round(255 * (1 - Math.max(0, Math.min(k, 4 - k, 1))));
  };
  return [f(5), f(3), f(1)];
}
