import type { DbOrTx } from '@/db';
import type { Actor } from './auth/actor';

/**
 * Dashboard panels a module contributes (manifest `dashboardPanels`): figures
 * from the module's own read model, as data. The staff dashboard renders each
 * with the same accessible chart + table component as the platform's own
 * figures and exports it through the same audited dashboard export; the
 * platform never knows what the figures mean.
 */

/** Series colours the dashboard knows by name. */
export type PanelColor = 'primary' | 'second' | 'danger' | 'warning' | 'muted';

export type PanelSeries = {
  key: string;
  /** Already translated. */
  label: string;
  color?: PanelColor;
  /** `fen`: an amount in fen, shown and exported in yuan. */
  format?: 'count' | 'fen' | 'days';
  /** `mark`: a per-row marker (a limit, a capacity …) drawn over the bars; `table`: only in the table and the export. */
  draw?: 'bar' | 'mark' | 'table';
};

export type PanelRow = {
  /** Already translated; unique within the panel. */
  label: string;
  values: Record<string, number | null>;
  /** The list behind each figure, per series key (a path of this site). */
  links?: Record<string, string | undefined>;
};

export type DashboardPanel = {
  /** Unique across modules: lowercase letters, digits and dashes (`exam-areas`); the export's `chart=panel:<id>`. */
  id: string;
  title: string;
  description: string;
  series: PanelSeries[];
  rows: PanelRow[];
  stacked?: boolean;
  /** The first column's header (default: the dashboard's generic 项目). */
  category?: string;
};

/** A select the module's panels are filtered by (an exam …), shown in the dashboard's filter form. */
export type PanelFilter = { name: string; label: string; options: Array<{ value: string; label: string }>; allLabel: string; value?: string };

/** What one module shows on the dashboard: a titled section with its own filters and panels. */
export type DashboardSection = { title: string; filters?: PanelFilter[]; panels: DashboardPanel[] };

export type DashboardPanelCtx = {
  db: DbOrTx;
  actor: Actor;
  /** The dashboard's period (days before `now`). */
  days: number;
  now: Date;
  /** The request's query (the module reads its own filters from it; validate before use). */
  params: Record<string, string | undefined>;
  t: (key: string, values?: Record<string, string | number>) => string;
};

export type DashboardPanels = (ctx: DashboardPanelCtx) => Promise<DashboardSection | null>;

export const PANEL_ID = /^[a-z][a-z0-9-]{1,40}$/;
