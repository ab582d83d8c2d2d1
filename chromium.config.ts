/**
 * The one Chromium of this project (Debian's, no browser download) and the flags every browser of it starts with
 * (the developers' guide): the e2e suites (playwright.config.ts) and the browser benches (bench/) share them.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
