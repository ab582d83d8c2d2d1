'use client';
import * as React from 'react';
import { useForm, type FieldValues, type Path, type UseFormProps, type UseFormReturn } from 'react-hook-form';
import { zodFormValidation, type SchemaSource } from './zod-form-validation';
import { useLocale } from 'next-intl';
import type { z } from 'zod';

/**
 * react-hook-form bound to the same zod schema the server action validates
 * with. The schemas' messages are Chinese; in another locale they are
 * translated before the form shows them (i18n/field-messages.ts).
 *
 * Nothing here loads zod: the resolver, zod's locale and the message
 * dictionary live in ./zod-validation, fetched the first time a form
 * validates (or earlier, on the first focus / pointerdown inside a form that
 * spreads `form.preloadProps`). Pass the schema itself when the component
 * needs it at render time anyway, or — to keep zod out of the page's first
 * load — a loader, `() => import('@/lib/…/schemas').then((m) => m.xSchema)`:
 * the first validation then awaits both, so messages, mode and focus on the
 * first invalid field are the same as with a schema.
 */
export type { SchemaSource } from './zod-form-validation';
export { loadValidation, zodFormValidation } from './zod-form-validation';

export type ZodFormReturn<S extends z.ZodType<FieldValues, FieldValues>> = UseFormReturn<z.input<S>, unknown, z.output<S>> & {
  /** Spread on the `<form>`: the first focus or pointerdown inside it fetches the validation chunk and the schema. */
  preloadProps: { onFocusCapture: () => void; onPointerDownCapture: () => void };
};

export function useZodForm<S extends z.ZodType<FieldValues, FieldValues>>(schema: SchemaSource<S>, props: Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, 'resolver'> = {}): ZodFormReturn<S> {
  const locale = useLocale();
  // One validation for the form's lifetime (the first schema or loader given).
  const [validation] = React.useState(() => zodFormValidation(schema));
  const resolver = React.useMemo(() => validation.resolver(locale), [validation, locale]);
  const preloadProps = React.useMemo(() => ({ onFocusCapture: validation.preload, onPointerDownCapture: validation.preload }), [validation]);
  const form = useForm<z.input<S>, unknown, z.output<S>>({ mode: 'onTouched', ...props, resolver });
  return Object.assign(form, { preloadProps });
}

/** Puts a failed action's field errors next to their fields; returns the message for the form-level alert. */
export function applyServerErrors<T extends FieldValues>(form: UseFormReturn<T, unknown, unknown>, r: { message: string; fieldErrors?: Record<string, string[]> }): string {
  let first = true;
  for (const [name, msgs] of Object.entries(r.fieldErrors ?? {})) {
    if (name === '_') continue;
    // The first refused field takes the focus (as react-hook-form does for the browser's own checks).
    form.setError(name as Path<T>, { type: 'server', message: msgs[0] }, { shouldFocus: first });
    first = false;
  }
  return r.message;
}
