import * as React from 'react';
import { cn } from '@/lib/utils';

export function Input({ className, ...p }: React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <input
      className={cn(
        'h-10 w-full rounded-md border border-border bg-white px-3 text-sm placeholder:text-muted-foreground focus-visible:outline-2 focus-visible:outline-primary disabled:bg-muted disabled:text-slate-600 aria-[invalid=true]:border-danger',
        // Date fields need room for the whole date and the picker icon, whatever the row gives them.
        p.type === 'date' && 'min-w-40',
        p.type === 'datetime-local' && 'min-w-52',
        className,
      )}
      {...p}
    />
  );
}

export function Select({ className, ...p }: React.SelectHTMLAttributes<HTMLSelectElement>) {
  return <select className={cn('h-10 rounded-md border border-border bg-white px-3 text-sm disabled:bg-muted disabled:text-slate-600', className)} {...p} />;
}

export function Label({ className, ...p }: React.LabelHTMLAttributes<HTMLLabelElement>) {
  return <label className={cn('text-sm font-medium text-slate-700', className)} {...p} />;
}
