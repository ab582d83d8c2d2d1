'use client';
import type { FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';

/**
 * A form's validation without the form library: the schema (or a loader of it) and the validation chunk
 * (./zod-validation: zod's resolver, zod's locale, the message dictionary), both fetched on first use.
 * Shared by useZodForm (react-hook-form) and useLightForm (native fields); only types come from
 * react-hook-form here, so a form built on this module alone loads none of it.
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
