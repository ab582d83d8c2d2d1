'use client';
import * as React from 'react';
import { Dialog } from 'radix-ui';
import { X } from 'lucide-react';
import { cn } from '@/lib/utils';

/** A side drawer (Radix Dialog): focus-trapped, closes on Esc, used for navigation on phones. */
export function Sheet({
  trigger,
  title,
  closeLabel,
  children,
  side = 'left',
}: {
  trigger: React.ReactNode;
  title: string;
  closeLabel: string;
  children: React.ReactNode;
  side?: 'left' | 'right';
}) {
  const [open, setOpen] = React.useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <Dialog.Content
          className={cn('fixed top-0 z-50 flex h-full w-72 max-w-[85vw] flex-col bg-white p-4 shadow-xl', side === 'left' ? 'left-0' : 'right-0')}
          onClick={(e) => {
            // Following a link inside the drawer closes it.
            if ((e.target as HTMLElement).closest('a')) setOpen(false);
          }}
        >
          <div className="mb-4 flex items-center justify-between">
            <Dialog.Title className="text-base font-semibold">{title}</Dialog.Title>
            <Dialog.Close className="rounded p-1 hover:bg-muted" aria-label={closeLabel}>
              <X className="h-5 w-5" />
            </Dialog.Close>
          </div>
          <Dialog.Description className="sr-only">{title}</Dialog.Description>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
