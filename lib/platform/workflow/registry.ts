import type { AnyKind } from './define';

/**
 * Every application kind, registered by its module (lib/modules/<m>/kinds.ts
 * calls `registerKind`). `lib/platform/workflow/kinds.ts` imports all module
 * kind files once so that any entry point sees the full registry.
 */
const g = globalThis as unknown as { __accreditKinds?: Map<string, AnyKind> };
const kinds = (g.__accreditKinds ??= new Map());

export function registerKind<K extends AnyKind>(kind: K): K {
  kinds.set(kind.key, kind);
  return kind;
}

export function getKind(key: string): AnyKind {
  const k = kinds.get(key);
  if (!k) throw new Error(`unknown application kind ${key}`);
  return k;
}

export function findKind(key: string): AnyKind | undefined {
  return kinds.get(key);
}

export function allKinds(): AnyKind[] {
  return [...kinds.values()];
}
