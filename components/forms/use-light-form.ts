'use client';
import * as React from 'react';
import { useLocale } from 'next-intl';
import type { FieldValues } from 'react-hook-form';
import type { z } from 'zod';
import { zodFormValidation, type SchemaSource } from './zod-form-validation';

/**
 * A form without react-hook-form, for the pages whose first load matters most (the exam registration
 * steps): react-hook-form and its state are ~10 KB of script and a share of the hydration work there.
 *
 * The fields are native, uncontrolled inputs named by the schema's paths (`invoice.title`); `read(form)`
 * turns the form element into the schema's input. Validation is useZodForm's: the same schema loader, the
 * same resolver with zod's messages and the schema's in the page's language (./zod-validation, fetched on
 * the form's first focus / pointerdown or first validation), and the same timing — a field is checked once
 * it has been left (onTouched), again on every change after that, and every field on submit, where the
 * first invalid field in the form takes the focus. A field that is not a focusable input (a picker behind a
 * hidden input) names the element to focus in the hidden input's `data-focus`.
 */
export function useLightForm<S extends z.ZodType<FieldValues, FieldValues>>(source: SchemaSource<S>, read: (form: HTMLFormElement) => z.input<S>) {
  const locale = useLocale();
  const [validation] = React.useState(() => zodFormValidation(source));
  const ref = React.useRef<HTMLFormElement>(null);
  const touched = React.useRef(new Set<string>());
  const [errors, setErrors] = React.useState<Record<string, string>>({});

  /** Every field's first message, by path (`invoice.title`), for the values in the form now (and `overrides`). */
  const check = React.useCallback(
    async (overrides?: Partial<z.input<S>>): Promise<{ values: z.output<S> | null; errors: Record<string, string> }> => {
      const form = ref.current;
      if (!form) return { values: null, errors: {} };
      const values = { ...read(form), ...overrides } as FieldValues;
      const r = await validation.resolver(locale)(values as never, undefined, { fields: {}, shouldUseNativeValidation: false, criteriaMode: 'firstError', names: undefined });
      const flat: Record<string, string> = {};
      const walk = (node: unknown, path: string) => {
        if (!node || typeof node !== 'object') return;
        const n = node as { message?: unknown; type?: unknown };
        if (typeof n.message === 'string' && typeof n.type === 'string') {
          flat[path] = n.message;
          return;
        }
        for (const [k, v] of Object.entries(node)) if (k !== 'ref') walk(v, path ? `${path}.${k}` : k);
      };
      walk(r.errors, '');
      return { values: Object.keys(flat).length ? null : (r.values as z.output<S>), errors: flat };
    },
    [validation, locale, read],
  );

  /** Checks again and shows the messages of the fields already left (all of them after a submit). */
  const revalidate = React.useCallback(
    async (overrides?: Partial<z.input<S>>) => {
      const r = await check(overrides);
      setErrors(Object.fromEntries(Object.entries(r.errors).filter(([k]) => touched.current.has(k) || touched.current.has(k.split('.')[0]))));
    },
    [check],
  );

  /** Puts the focus on the first field of `names` in the form's order. */
  const focusFirst = React.useCallback((names: string[]) => {
    const form = ref.current;
    if (!form) return;
    for (const el of Array.from(form.elements) as Array<HTMLInputElement>) {
      if (!el.name || !names.some((n) => n === el.name || n.startsWith(`${el.name}.`))) continue;
      const target = el.type === 'hidden' ? (el.dataset.focus ? document.getElementById(el.dataset.focus) : null) : el;
      if (target) {
        target.focus();
        return;
      }
    }
  }, []);

  /** Marks a field as left (and checks it): for a field that reports its own changes, like a picker. */
  const touch = React.useCallback(
    (name: string, overrides?: Partial<z.input<S>>) => {
      touched.current.add(name);
      void revalidate(overrides);
    },
    [revalidate],
  );

  /** Submit: every field checked; `onValid` gets the parsed values, or the first invalid field takes the focus. */
  const submitWith = React.useCallback(
    (onValid: (values: z.output<S>) => Promise<void> | void) => async (e: React.FormEvent<HTMLFormElement>) => {
      e.preventDefault();
      const form = ref.current;
      if (!form) return;
      for (const el of Array.from(form.elements) as Array<HTMLInputElement>) if (el.name) touched.current.add(el.name);
      const r = await check();
      setErrors(r.errors);
      if (r.values) return onValid(r.values);
      // After React has rendered the messages, so that aria-describedby points at them.
      requestAnimationFrame(() => focusFirst(Object.keys(r.errors)));
    },
    [check, focusFirst],
  );

  /** A failed action's field errors next to their fields (the first takes the focus); returns the form-level message. */
  const applyServerErrors = React.useCallback(
    (r: { message: string; fieldErrors?: Record<string, string[]> }) => {
      const next = Object.fromEntries(Object.entries(r.fieldErrors ?? {}).filter(([k, v]) => k !== '_' && v.length).map(([k, v]) => [k, v[0]]));
      setErrors(next);
      requestAnimationFrame(() => focusFirst(Object.keys(next)));
      return r.message;
    },
    [focusFirst],
  );

  const formProps = React.useMemo(
    () => ({
      ref,
      noValidate: true,
      onFocusCapture: validation.preload,
      onPointerDownCapture: validation.preload,
      onBlurCapture: (e: React.FocusEvent<HTMLFormElement>) => {
        const name = (e.target as EventTarget as HTMLInputElement).name;
        if (!name) return;
        touched.current.add(name);
        void revalidate();
      },
      onChangeCapture: (e: React.FormEvent<HTMLFormElement>) => {
        const name = (e.target as EventTarget as HTMLInputElement).name;
        if (name && touched.current.has(name)) void revalidate();
      },
    }),
    [validation, revalidate],
  );

  return { formProps, errors, submitWith, applyServerErrors, touch };
}
