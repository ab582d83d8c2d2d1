import { describe, expect, it } from 'vitest';
import { rawCatalogs } from '@/messages/catalog';
import { MODULE_MANIFESTS } from '@/lib/modules';
import { platformManifest } from '@/lib/platform/core';
import { periodicTasks } from '@/lib/platform/manifest';
import { allKinds, kindMessageKey } from '@/lib/platform/workflow/registry';

const manifests = [platformManifest, ...MODULE_MANIFESTS];

describe('module manifests', () => {
  it('every message namespace is owned by exactly one manifest (the platform or one module)', () => {
    const owners = new Map<string, string[]>();
    for (const m of manifests) for (const ns of m.messages ?? []) owners.set(ns, [...(owners.get(ns) ?? []), m.key]);
    const namespaces = Object.keys(rawCatalogs['zh-CN']);
    expect(namespaces.filter((ns) => !owners.has(ns))).toEqual([]);
    expect([...owners].filter(([, o]) => o.length > 1)).toEqual([]);
    expect([...owners.keys()].filter((ns) => !namespaces.includes(ns))).toEqual([]);
  });

  it('manifest keys are unique and every kind labels itself from its own module namespace', () => {
    const keys = manifests.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const m of manifests) {
      for (const kind of m.kinds ?? []) {
        const ns = kind.messages.split('.')[0];
        expect(m.messages ?? []).toContain(ns);
        if (kind.sharedMessages) expect(m.messages ?? []).toContain(kind.sharedMessages.split('.')[0]);
        // The name and every state have a label in both languages (a state's may come from the kind's shared namespace).
        for (const locale of ['zh-CN', 'en'] as const) {
          const get = (path: string) => path.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown> | undefined)?.[p], rawCatalogs[locale]);
          const label = (part: string) => get(`${kind.messages}.${part}`) ?? (kind.sharedMessages ? get(`${kind.sharedMessages}.${part}`) : undefined);
          expect(typeof get(`${kind.messages}.name`), `${kind.key} name (${locale})`).toBe('string');
          for (const state of Object.keys(kind.states)) expect(typeof label(`states.${state}`), `${kind.key} ${state} (${locale})`).toBe('string');
        }
      }
    }
  });

  it('registering the composition root fills the kind registry with every manifest kind', () => {
    const declared = manifests.flatMap((m) => (m.kinds ?? []).map((k) => k.key)).sort();
    expect(allKinds().map((k) => k.key).filter((k) => declared.includes(k)).sort()).toEqual(declared);
    expect(kindMessageKey(declared[0], 'name')).toMatch(/\.name$/);
  });

  it('periodic tasks have unique names and a positive interval', () => {
    const tasks = periodicTasks();
    expect(new Set(tasks.map((t) => t.name)).size).toBe(tasks.length);
    for (const t of tasks) expect(Number.isInteger(t.intervalSeconds) && t.intervalSeconds > 0, t.name).toBe(true);
  });
});
