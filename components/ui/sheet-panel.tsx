'use client';
import * as React from 'react';
import { Dialog } from 'radix-ui';
import { X } from 'lucide-react';

/**
 * The drawer itself (Radix Dialog: modal, focus-trapped, closes on Esc and on a
 * click outside, scroll locked). Loaded by components/ui/sheet.tsx when the
 * menu is first about to open, so Radix is in no page's first scripts.
 */
export default function SheetPanel({
  open,
  onOpenChange,
  returnFocusTo,
  title,
  closeLabel,
  side,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  returnFocusTo: React.RefObject<HTMLElement | null>;
  title: string;
  closeLabel: string;
  side: 'left' | 'right';
  children: React.ReactNode;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <Dialog.Content
          className={`fixed top-0 z-50 flex h-full w-72 max-w-[85vw] flex-col bg-white p-4 shadow-xl ${side === 'left' ? 'left-0' : 'right-0'}`}
          onCloseAutoFocus={(e) => {
            // Back to the menu button (what Dialog.Trigger does; the button lives outside this lazy part).
            e.preventDefault();
            returnFocusTo.current?.focus();
          }}
          onClick={(e) => {
            // Following a link inside the drawer closes it.
            if ((e.target as HTMLElement).closest('a')) onOpenChange(false);
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
