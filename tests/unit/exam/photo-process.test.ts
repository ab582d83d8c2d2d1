import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { classifyBackground, cropBox, processPhoto, toneOf } from '@/lib/modules/exam/photo/services/process-photo';
import { PHOTO_MIN_SOURCE_BYTES, PHOTO_STANDARD, PHOTO_TARGET_BYTES } from '@/lib/modules/exam/photo/standard';
import { AppError, translateError } from '@/lib/platform/errors';
import { cameraPhoto, COLORS, hueSweep, jpegPhoto, pngPhoto, scene, smallPaddedPhoto, twoColour } from '../../helpers/photos';

/** The Chinese message `p` is refused with (fails when it is not refused with an AppError). */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('BAD_INPUT');
    return translateError(e as AppError, 'zh-CN');
  }
  throw new Error('expected a refusal');
}

const BACKGROUND = '照片背景须为红色、白色或蓝色的纯色背景';

/** Every metadata block sharp can see, and the raw marks of EXIF and of the camera tags. */
async function expectNoMetadata(jpeg: Buffer) {
  const m = await sharp(jpeg).metadata();
  expect(m.format).toBe('jpeg');
  expect(m.exif).toBeUndefined();
  expect(m.orientation).toBeUndefined();
  expect(m.xmp).toBeUndefined();
  expect(m.iptc).toBeUndefined();
  const latin1 = jpeg.toString('latin1');
  expect(latin1).not.toContain('Exif\0\0');
  expect(latin1).not.toContain('AccreditTestCam');
}

/** Mean colour of a box of the output (x, y, w, h in pixels). */
async function meanColour(jpeg: Buffer, left: number, top: number, width: number, height: number) {
  const { data } = await sharp(jpeg).extract({ left, top, width, height }).raw().toBuffer({ resolveWithObject: true });
  const sum = [0, 0, 0];
  for (let i = 0; i < data.length; i += 3) for (let c = 0; c < 3; c++) sum[c] += data[i + c];
  return sum.map((s) => s / (data.length / 3));
}

describe('processPhoto: accepted photos', () => {
  it.each(['red', 'white', 'blue'] as const)('accepts a plain %s background and makes the 215×300 standard photo of at most ~12 KB without metadata', async (colour) => {
    const source = await jpegPhoto({ background: COLORS[colour] });
    // The generator must really produce a > 30 KB source, or this test proves nothing.
    expect(source.byteLength).toBeGreaterThan(PHOTO_MIN_SOURCE_BYTES);

    const r = await processPhoto(source);
    expect(r.background).toBe(colour);
    expect(r.original).toEqual({ bytes: source.byteLength, width: 600, height: 800 });
    expect(r.standard).toMatchObject({ width: 215, height: 300, bytes: r.buffer.byteLength });
    expect(r.buffer.byteLength).toBeLessThanOrEqual(PHOTO_TARGET_BYTES);
    const m = await sharp(r.buffer).metadata();
    expect([m.width, m.height]).toEqual([PHOTO_STANDARD.width, PHOTO_STANDARD.height]);
    await expectNoMetadata(r.buffer);

    // Still the same picture: background at the top corners, the head in the middle.
    const corner = await meanColour(r.buffer, 2, 2, 12, 12);
    corner.forEach((v, c) => expect(Math.abs(v - COLORS[colour][c])).toBeLessThan(20));
    const face = await meanColour(r.buffer, 97, 115, 20, 20);
    expect(face[0]).toBeGreaterThan(170);
    expect(face[2]).toBeLessThan(170);
  });

  it('auto-rotates a 4000×3000 camera original by its EXIF orientation, crops to portrait and strips EXIF and GPS', async () => {
    const source = await cameraPhoto({ width: 3000, height: 4000, background: COLORS.blue, noise: 30 });
    const stored = await sharp(source).metadata();
    expect([stored.width, stored.height, stored.orientation]).toEqual([4000, 3000, 6]);
    expect(stored.exif?.toString('latin1')).toContain('AccreditTestCam');

    const r = await processPhoto(source);
    expect(r.background).toBe('blue');
    // Reported as the candidate sees it: upright.
    expect(r.original).toMatchObject({ width: 3000, height: 4000 });
    expect(r.standard).toMatchObject({ width: 215, height: 300 });
    expect(r.buffer.byteLength).toBeLessThanOrEqual(PHOTO_TARGET_BYTES);
    await expectNoMetadata(r.buffer);
    // Upright: background above the head, the head in the middle (unrotated, the shoulders would be on one side).
    const top = await meanColour(r.buffer, 90, 2, 35, 20);
    top.forEach((v, c) => expect(Math.abs(v - COLORS.blue[c])).toBeLessThan(20));
    const face = await meanColour(r.buffer, 97, 115, 20, 20);
    expect(face[0]).toBeGreaterThan(170);
    const leftShoulderLevel = await meanColour(r.buffer, 2, 100, 12, 20);
    leftShoulderLevel.forEach((v, c) => expect(Math.abs(v - COLORS.blue[c])).toBeLessThan(20));
  });

  it('lowers the JPEG quality step by step until a detailed photo fits about 10 KB', async () => {
    const source = await jpegPhoto({ width: 300, height: 420, noise: 127, quality: 95, background: COLORS.white });
    expect(source.byteLength).toBeGreaterThan(PHOTO_MIN_SOURCE_BYTES);
    const r = await processPhoto(source);
    expect(r.standard.quality).toBeLessThan(90);
    expect(r.standard.quality).toBeGreaterThanOrEqual(40);
    expect(r.buffer.byteLength).toBeLessThanOrEqual(PHOTO_TARGET_BYTES);
  });

  it('accepts a source of exactly the minimum 215×300 and a wide one, never upscaling', async () => {
    const exact = await processPhoto(await smallPaddedPhoto(215, 300));
    expect(exact.standard).toMatchObject({ width: 215, height: 300 });
    const wide = await jpegPhoto({ width: 900, height: 700 });
    const r = await processPhoto(wide);
    expect(r.original).toMatchObject({ width: 900, height: 700 });
    expect(r.standard).toMatchObject({ width: 215, height: 300 });
  });
});

describe('processPhoto: refusals with the candidate-facing reason', () => {
  it('refuses a green background', async () => {
    const source = await jpegPhoto({ background: COLORS.green });
    expect(source.byteLength).toBeGreaterThan(PHOTO_MIN_SOURCE_BYTES);
    expect(await refusal(processPhoto(source))).toBe(BACKGROUND);
  });

  it('refuses mixed backgrounds: two colours, and a colour gradient', async () => {
    expect(await refusal(processPhoto(await jpegPhoto({ background: twoColour })))).toBe(BACKGROUND);
    expect(await refusal(processPhoto(await jpegPhoto({ background: hueSweep })))).toBe(BACKGROUND);
    // A vertical white-to-red fade: neither white nor red across the border.
    const fade = (_x: number, y: number) => [246, Math.round(246 * (1 - y)), Math.round(246 * (1 - y))] as const;
    expect(await refusal(processPhoto(await jpegPhoto({ background: fade })))).toBe(BACKGROUND);
  });

  it('refuses a PNG (by its content) and bytes that are no image at all', async () => {
    const png = await pngPhoto();
    expect(png.byteLength).toBeGreaterThan(PHOTO_MIN_SOURCE_BYTES);
    expect(await refusal(processPhoto(png))).toBe('照片须为JPG或JPEG格式');
    expect(await refusal(processPhoto(Buffer.from('%PDF-1.4 not a photo'.repeat(3000))))).toBe('照片须为JPG或JPEG格式');
  });

  it('refuses a JPEG of 30 KB or less', async () => {
    // About 20 KB, and otherwise a perfectly good photo.
    const small = await jpegPhoto({ width: 500, height: 700, noise: 15, quality: 80 });
    expect(small.byteLength).toBeGreaterThan(15 * 1024);
    expect(small.byteLength).toBeLessThanOrEqual(PHOTO_MIN_SOURCE_BYTES);
    expect(await refusal(processPhoto(small))).toBe('照片文件须大于30KB');
  });

  it('refuses a 200×150 JPEG (over 30 KB) as too small in pixels', async () => {
    const tiny = await smallPaddedPhoto(200, 150);
    expect(tiny.byteLength).toBeGreaterThan(PHOTO_MIN_SOURCE_BYTES);
    expect(await refusal(processPhoto(tiny))).toBe('照片像素过小：须不小于 215×300（宽×高），当前为 200×150');
    // 300×215 wide is not enough either: the height is what a portrait needs.
    expect(await refusal(processPhoto(await smallPaddedPhoto(300, 215)))).toBe('照片像素过小：须不小于 215×300（宽×高），当前为 300×215');
  });
});

describe('the pieces', () => {
  it('cropBox keeps the 215:300 ratio: both sides off a wide photo, more of the top of a tall one', () => {
    expect(cropBox(4000, 3000)).toEqual({ left: 925, top: 0, width: 2150, height: 3000 });
    expect(cropBox(215, 300)).toEqual({ left: 0, top: 0, width: 215, height: 300 });
    const tall = cropBox(1080, 1920);
    expect(tall).toMatchObject({ left: 0, width: 1080, height: 1507 });
    expect(tall.top).toBe(Math.floor((1920 - 1507) * 0.3));
  });

  it('toneOf knows the ID-photo reds, whites and blues, and nothing else', () => {
    expect(toneOf(255, 0, 0)).toBe('red');
    expect(toneOf(220, 20, 60)).toBe('red');
    expect(toneOf(255, 255, 255)).toBe('white');
    expect(toneOf(225, 225, 228)).toBe('white');
    expect(toneOf(67, 142, 219)).toBe('blue');
    expect(toneOf(0, 0, 255)).toBe('blue');
    expect(toneOf(40, 170, 70)).toBe('other');
    expect(toneOf(128, 128, 128)).toBe('other');
    expect(toneOf(206, 164, 136)).toBe('other');
    expect(toneOf(255, 200, 0)).toBe('other');
  });

  it('classifyBackground looks at the border only: a plain border with anything in the middle passes', () => {
    const w = 72;
    const h = 100;
    const rgb = scene({ width: w, height: h, background: COLORS.red, noise: 0 });
    expect(classifyBackground(rgb, w, h)).toBe('red');
    const mixed = scene({ width: w, height: h, background: twoColour, noise: 0 });
    expect(classifyBackground(mixed, w, h)).toBeNull();
  });
});
