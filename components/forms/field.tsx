import * as React from 'react';
import { cn } from '@/lib/utils';

/** A labelled form field with a required star, a hint and an error bound by aria-describedby. */
export function Field({
  id,
  label,
  required,
  hint,
  error,
  children,
  addon,
  className,
}: {
  id: string;
  label: string;
  required?: boolean;
  hint?: React.ReactNode;
  error?: string;
  children: React.ReactElement<Record<string, unknown>>;
  /** Rendered beside the control, e.g. a "send code" button. */
  addon?: React.ReactNode;
  className?: string;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const control = React.cloneElement(children, { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy, 'aria-required': required || undefined });
  return (
    <div className={cn('flex flex-col gap-1', className)}>
      {/* The star is CSS content, so the field's accessible name stays the plain label. */}
      <label htmlFor={id} className={cn('text-sm font-medium text-slate-700', required && "before:mr-0.5 before:text-danger before:content-['*']")}>
        {label}
      </label>
      {addon ? (
        <div className="flex gap-2">
          {control}
          {addon}
        </div>
      ) : (
        control
      )}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm text-danger" data-testid={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function FormAlert({ message, tone = 'danger', children }: { message?: string; tone?: 'danger' | 'success' | 'info'; children?: React.ReactNode }) {
  if (!message && !children) return null;
  return (
    <div
      role={tone === 'danger' ? 'alert' : 'status'}
      className={cn(
        'rounded-md border px-3 py-2 text-sm',
        tone === 'danger' && 'border-red-200 bg-red-50 text-red-800',
        tone === 'success' && 'border-green-200 bg-green-50 text-green-800',
        tone === 'info' && 'border-blue-200 bg-blue-50 text-blue-800',
      )}
    >
      {message}
      {children}
    </div>
  );
}
