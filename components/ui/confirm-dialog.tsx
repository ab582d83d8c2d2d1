'use client';
import * as React from 'react';
import { AlertDialog } from 'radix-ui';
import { buttonVariants } from './button';
import { cn } from '@/lib/utils';

/** A confirmation before an irreversible step (Radix AlertDialog: focus-trapped, Esc cancels). */
export function ConfirmDialog({
  trigger,
  title,
  description,
  confirmLabel,
  cancelLabel,
  onConfirm,
  danger = true,
  beforeOpen,
}: {
  trigger: React.ReactNode;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void | Promise<void>;
  danger?: boolean;
  /** Checked when the trigger is pressed: false keeps the dialog closed (e.g. a required reason is missing; say so beside the field). */
  beforeOpen?: () => boolean;
}) {
  const [open, setOpen] = React.useState(false);
  return (
    <AlertDialog.Root open={open} onOpenChange={(next) => setOpen(next && beforeOpen ? beforeOpen() : next)}>
      <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <AlertDialog.Content className="fixed left-1/2 top-1/2 z-50 w-[min(28rem,92vw)] -translate-x-1/2 -translate-y-1/2 rounded-card bg-white p-5 shadow-xl">
          <AlertDialog.Title className="text-base font-semibold">{title}</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-muted-foreground">{description}</AlertDialog.Description>
          <div className="mt-5 flex justify-end gap-2">
            <AlertDialog.Cancel className={buttonVariants({ variant: 'outline' })}>{cancelLabel}</AlertDialog.Cancel>
            <AlertDialog.Action className={cn(buttonVariants({ variant: danger ? 'danger' : 'default' }))} onClick={() => void onConfirm()}>
              {confirmLabel}
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
