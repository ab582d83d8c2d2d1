/** Translates an audit action (or a filter prefix such as `staff.*`) under `auditLog.`; unknown actions show as they are. */
type Translator = { (key: never): string; has: (key: never) => boolean };

const GROUP_KEYS: Record<string, string> = { 'org.subaccount_*': 'groups.orgSubaccount', 'staff.*': 'groups.staff' };

export function auditActionLabel(t: Translator, action: string): string {
  const key = GROUP_KEYS[action] ?? (/^[a-z_]+\.[a-z_]+$/.test(action) ? `actions.${action}` : undefined);
  return key && t.has(key as never) ? t(key as never) : action;
}
