'use client';
import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * False during server rendering and until React has hydrated the page. Submit
 * buttons of forms reached by a redirect stay disabled until then, so an early
 * click cannot fall back to a plain HTML form post.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
