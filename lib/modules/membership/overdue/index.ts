import type { PeriodicTask } from '@/lib/platform/manifest';
import { logger } from '@/lib/platform/logger';
import { runOverdueStages } from './run';

/**
 * Module B · overdue annual reviews (资质年审逾期): configured stages
 * (stages.ts, the site setting `qualification.overdueStages`), the loop that
 * fires them (run.ts), what staff do about them (handling.ts, queries.ts) and
 * what the enterprise sees (status.ts: `overdueStatus`, the home panel, the
 * 我的任务 item).
 */
export { overdueStatus, overdueHomePanels, overdueApplicantItems, type OverdueStatus } from './status';
export { runOverdueStages, fireStage, type OverdueRunResult } from './run';
export { overdueStageEmailPreview } from './email';
export { OVERDUE_SETTING_DEFAULTS, getOverdueStages } from './settings';

/** Stages are counted in days; an hourly look is plenty (each run is idempotent and safe on every instance). */
export const overdueTask: PeriodicTask = {
  name: 'qualification-overdue',
  intervalSeconds: 3600,
  firstDelayMs: 20_000,
  run: async (db, now) => {
    const r = await runOverdueStages(db, now);
    if (r.fired) logger.info('qualification overdue stages fired', r);
    return r;
  },
};
