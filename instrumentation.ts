/** Next.js calls register() once when a server process starts. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    // The composition root first: every module registers its kinds, payment subjects, jobs … with the platform.
    await import('./lib/modules');
    const [{ boot }, { seedDemo }] = await Promise.all([import('./lib/platform/runtime'), import('./db/seed/demo')]);
    await boot({ seed: seedDemo });
  }
}
