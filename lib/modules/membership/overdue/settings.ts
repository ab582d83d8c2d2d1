import type { DbOrTx } from '@/db';
import { getSetting } from '@/lib/platform/settings';
import { DEFAULT_OVERDUE_STAGES, OVERDUE_STAGES_SETTING, parseOverdueStages, type OverdueStage } from './stages';

/** Module B's shipped setting for the overdue stages (the manifest's defaultSettings). */
export const OVERDUE_SETTING_DEFAULTS: Record<string, unknown> = {
  [OVERDUE_STAGES_SETTING]: DEFAULT_OVERDUE_STAGES.map((s) => ({ ...s })),
};

/** The configured stages, sorted by offset (a malformed setting falls back to the shipped ones). */
export async function getOverdueStages(db: DbOrTx): Promise<OverdueStage[]> {
  return parseOverdueStages(await getSetting<unknown>(db, OVERDUE_STAGES_SETTING));
}
