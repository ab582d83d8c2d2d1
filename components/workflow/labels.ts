import type { Tone } from '@/lib/platform/workflow/define';
import { findKind, kindMessageKey } from '@/lib/platform/workflow/registry';

/**
 * Display labels of a kind, from the kind's own messages namespace (its
 * definition's `messages`, in its module's catalog). Server components only:
 * the kind registry is filled at boot on the server.
 */
type T = { (key: never, values?: never): string; has: (key: never) => boolean };

const get = (t: T, key: string, fallback: string) => (t.has(key as never) ? t(key as never) : fallback);

export const kindName = (t: T, kind: string) => get(t, kindMessageKey(kind, 'name'), kind);
export const stateLabel = (t: T, kind: string, state: string) => get(t, kindMessageKey(kind, `states.${state}`), state);
export const stepLabel = (t: T, kind: string, step: string) => get(t, kindMessageKey(kind, `steps.${step}`), step);
/** An event's label; a creation that left the application a draft the applicant still edits reads 创建草稿, not 提交. */
export const eventLabel = (t: T, kind: string, event: string, toStatus?: string) =>
  event === 'create'
    ? toStatus && findKind(kind)?.states[toStatus]?.applicantEditable && findKind(kind)?.initial === toStatus
      ? get(t, 'workflow.events.createDraft', event)
      : get(t, 'workflow.events.create', event)
    : get(t, kindMessageKey(kind, `actions.${event}`), event);
export const roleLabel = (t: T, role: string) => get(t, `workflow.roles.${role}`, role);

export const badgeTone = (tone: Tone | undefined): 'neutral' | 'primary' | 'success' | 'warning' | 'danger' =>
  tone === 'info' ? 'primary' : tone === 'success' ? 'success' : tone === 'warning' ? 'warning' : tone === 'danger' ? 'danger' : 'neutral';
