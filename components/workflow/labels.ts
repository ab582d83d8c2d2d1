import type { Tone } from '@/lib/platform/workflow/define';

/**
 * Display labels of a kind, from `workflow.kinds.<kind>` in the catalogs. A
 * translator is passed in so server and client components share this.
 */
type T = { (key: never, values?: never): string; has: (key: never) => boolean };

const get = (t: T, key: string, fallback: string) => (t.has(key as never) ? t(key as never) : fallback);

export const kindName = (t: T, kind: string) => get(t, `workflow.kinds.${kind}.name`, kind);
export const stateLabel = (t: T, kind: string, state: string) => get(t, `workflow.kinds.${kind}.states.${state}`, state);
export const stepLabel = (t: T, kind: string, step: string) => get(t, `workflow.kinds.${kind}.steps.${step}`, step);
export const eventLabel = (t: T, kind: string, event: string) =>
  event === 'create' ? get(t, 'workflow.events.create', event) : get(t, `workflow.kinds.${kind}.actions.${event}`, event);
export const roleLabel = (t: T, role: string) => get(t, `workflow.roles.${role}`, role);

export const badgeTone = (tone: Tone | undefined): 'neutral' | 'primary' | 'success' | 'warning' | 'danger' =>
  tone === 'info' ? 'primary' : tone === 'success' ? 'success' : tone === 'warning' ? 'warning' : tone === 'danger' ? 'danger' : 'neutral';
