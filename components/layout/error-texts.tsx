'use client';
import { createContext, useContext } from 'react';

export type ErrorTexts = { title: string; body: string; retry: string };

const Texts = createContext<ErrorTexts | null>(null);

/**
 * The root error boundary's three texts, translated by the root layout on the
 * server: app/error.tsx reads them here, so the pages under the root and
 * public layouts need no next-intl client provider (nor its message
 * formatter) in their scripts.
 */
export function ErrorTextsProvider({ texts, children }: { texts: ErrorTexts; children: React.ReactNode }) {
  return <Texts.Provider value={texts}>{children}</Texts.Provider>;
}

export function useErrorTexts(): ErrorTexts {
  const texts = useContext(Texts);
  if (!texts) throw new Error('app/error.tsx renders under app/layout.tsx, which provides its texts');
  return texts;
}
