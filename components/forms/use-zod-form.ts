'use client';
import { useForm, type FieldValues, type Path, type UseFormProps, type UseFormReturn } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';

/** react-hook-form bound to the same zod schema the server action validates with. */
export function useZodForm<S extends z.ZodType<FieldValues, FieldValues>>(schema: S, props: Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, 'resolver'> = {}) {
  return useForm<z.input<S>, unknown, z.output<S>>({ mode: 'onTouched', ...props, resolver: zodResolver(schema as never) as never });
}

/** Puts a failed action's field errors next to their fields; returns the message for the form-level alert. */
export function applyServerErrors<T extends FieldValues>(form: UseFormReturn<T, unknown, unknown>, r: { message: string; fieldErrors?: Record<string, string[]> }): string {
  for (const [name, msgs] of Object.entries(r.fieldErrors ?? {})) {
    if (name !== '_') form.setError(name as Path<T>, { type: 'server', message: msgs[0] });
  }
  return r.message;
}
