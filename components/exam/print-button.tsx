'use client';
import { Printer } from 'lucide-react';
import { Button } from '@/components/ui/button';

/** Prints the page (the browser's dialog; print styles hide the navigation). */
export function PrintButton({ label }: { label: string }) {
  return (
    <Button type="button" variant="outline" size="sm" onClick={() => window.print()}>
      <Printer className="h-4 w-4" aria-hidden />
      {label}
    </Button>
  );
}
