'use client';
import { useForm, type FieldValues, type Path, type Resolver, type UseFormProps, type UseFormReturn } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useLocale } from 'next-intl';
import type { z } from 'zod';
import { localizeErrorTree } from '@/i18n/field-messages';
import { setZodLocale } from '@/i18n/zod-locale';

/**
 * react-hook-form bound to the same zod schema the server action validates
 * with. The schemas' messages are Chinese; in another locale they are
 * translated before the form shows them (i18n/field-messages.ts).
 */
export function useZodForm<S extends z.ZodType<FieldValues, FieldValues>>(schema: S, props: Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, 'resolver'> = {}) {
  const locale = useLocale();
  const base = zodResolver(schema as never) as unknown as Resolver<z.input<S>, unknown, z.output<S>>;
  const resolver: Resolver<z.input<S>, unknown, z.output<S>> = async (values, context, options) => {
    setZodLocale(locale);
    const result = await base(values, context, options);
    localizeErrorTree(result.errors, locale);
    return result;
  };
  return useForm<z.input<S>, unknown, z.output<S>>({ mode: 'onTouched', ...props, resolver });
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
