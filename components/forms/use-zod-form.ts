'use client';
import * as React from 'react';
import { useForm, type FieldValues, type Path, type Resolver, type UseFormProps, type UseFormReturn } from 'react-hook-form';
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
export type SchemaSource<S> = S | (() => Promise<S>);

type Validation = typeof import('./zod-validation');
let validation: Promise<Validation> | null = null;

/** The validation chunk, fetched once per page (again after a failed fetch). */
export function loadValidation(): Promise<Validation> {
  validation ??= import('./zod-validation').catch((e: unknown) => {
    validation = null;
    throw e;
  });
  return validation;
}

/** A loader is a plain function; a zod schema is an object (with `_zod`). */
const isLoader = <S,>(source: SchemaSource<S>): source is () => Promise<S> => typeof source === 'function' && !('_zod' in source);

/**
 * A form's validation: loads the validation chunk and the schema (once),
 * then `resolver(locale)` validates as zodResolver does, with zod's own
 * messages and the schema's messages in that locale. `preload` starts both
 * fetches early; a failed fetch is tried again by the next validation.
 */
export function zodFormValidation<S extends z.ZodType<FieldValues, FieldValues>>(source: SchemaSource<S>) {
  let schema: Promise<S> | null = null;
  const load = () => {
    schema ??= (isLoader(source) ? source() : Promise.resolve(source)).catch((e: unknown) => {
      schema = null;
      throw e;
    });
    return Promise.all([loadValidation(), schema]);
  };
  const resolver =
    (locale: string): Resolver<z.input<S>, unknown, z.output<S>> =>
    async (values, context, options) => {
      const [v, s] = await load();
      return v.resolveWithZod(s, locale, values, context, options as never) as ReturnType<Resolver<z.input<S>, unknown, z.output<S>>>;
    };
  const preload = () => {
    // A failed fetch is reported by the validation that needs it.
    load().catch(() => {});
  };
  return { resolver, preload };
}

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
