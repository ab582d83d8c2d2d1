/** The larger-text mode (大字模式 / 适老化): a cookie the root layout reads, so every page renders in the chosen size from the first paint. */
export const TEXT_SIZE_COOKIE = 'accredit-text-size';
export const TEXT_SIZE_MAX_AGE = 60 * 60 * 24 * 365;
export type TextSize = 'large' | 'normal';
export function toTextSize(v: string | undefined): TextSize {
  return v === 'large' ? 'large' : 'normal';
}
