'use client';
import * as React from 'react';
import { cn } from '@/lib/utils';

/**
 * A control inside an inline table row: labelled by aria-label (the column
 * header is the visible label), with its error under it.
 */
export function CellField({ id, label, error, children, className }: { id: string; label: string; error?: string; children: React.ReactElement<Record<string, unknown>>; className?: string }) {
  const control = React.cloneElement(children, { id, 'aria-label': label, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-error` : undefined });
  return (
    <div className={cn('flex min-w-0 flex-col gap-1', className)}>
      {control}
      {error && (
        <p id={`${id}-error`} className="text-xs text-danger" data-testid={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The outcome of the last step of an editor, announced to screen readers. */
export type EditorAlert = { tone: 'success' | 'danger'; message: string } | null;
