'use client';
import * as React from 'react';

const load = () => import('./sheet-panel');
const SheetPanel = React.lazy(load);

/**
 * A side drawer, used for navigation on phones: the trigger is rendered at
 * once; the drawer (Radix Dialog, components/ui/sheet-panel.tsx: focus-trapped,
 * closes on Esc, focus back on the trigger) is fetched when the trigger is
 * first pressed, hovered or focused, so its ~12 KB are not in the page's
 * first scripts. `trigger` is one element taking a ref and aria props (a Button).
 */
export function Sheet({
  trigger,
  title,
  closeLabel,
  children,
  side = 'left',
}: {
  trigger: React.ReactElement<React.HTMLAttributes<HTMLElement> & { ref?: React.Ref<HTMLElement> }>;
  title: string;
  closeLabel: string;
  children: React.ReactNode;
  side?: 'left' | 'right';
}) {
  const [open, setOpen] = React.useState(false);
  const [wanted, setWanted] = React.useState(false);
  const triggerRef = React.useRef<HTMLElement>(null);
  const prefetch = () => void load();
  const button = React.cloneElement(trigger, {
    ref: triggerRef,
    'aria-haspopup': 'dialog',
    'aria-expanded': open,
    'data-state': open ? 'open' : 'closed',
    onPointerEnter: prefetch,
    onFocus: prefetch,
    onPointerDown: prefetch,
    onClick: () => {
      setWanted(true);
      setOpen(true);
    },
  } as React.HTMLAttributes<HTMLElement>);
  return (
    <>
      {button}
      {wanted && (
        <React.Suspense fallback={null}>
          <SheetPanel open={open} onOpenChange={setOpen} returnFocusTo={triggerRef} title={title} closeLabel={closeLabel} side={side}>
            {children}
          </SheetPanel>
        </React.Suspense>
      )}
    </>
  );
}
