'use client';
import { Button, type ButtonProps } from '@/components/ui/button';
import { useHydrated } from './use-hydrated';

/**
 * A button that stays disabled until React has hydrated the page (useHydrated), so an early click cannot
 * fall back to a plain HTML form post. The hook lives in this leaf rather than in the form: the render React
 * does right after hydration, to switch the value, is then this button's alone instead of the whole form's
 * (on the exam info step, ~320 options and every field: a 40–50 ms task on a phone-class CPU).
 */
export function HydratedButton({ disabled, ...props }: ButtonProps) {
  const hydrated = useHydrated();
  return <Button {...props} disabled={!hydrated || disabled} />;
}
