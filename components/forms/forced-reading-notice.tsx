'use client';
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { Dialog } from 'radix-ui';
import { X } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { FormAlert } from '@/components/forms/field';
import { acceptNoticeAction } from '@/lib/platform/notices/actions';

/**
 * A notice that must stay open `seconds` before it can be accepted (SPEC §1.1).
 * Until then the accept button is disabled and shows the countdown, and the
 * dialog cannot be closed (no Esc, no outside click, no close button). The
 * server refuses an early acceptance too: `onAccepted` runs only after it agreed.
 */
export type ForcedReadingNoticeProps = {
  servingId: string;
  title: string;
  body: string;
  seconds: number;
  onAccepted: (acceptedAt: string) => void;
  /** When given, the dialog may be closed (Esc or the close button) once the countdown is over. */
  onClose?: () => void;
};

/**
 * Seconds left, from a monotonic clock, so a throttled background tab still
 * counts right. It starts when the dialog mounts (render a new one, with a new
 * key, for another serving).
 */
function useCountdown(seconds: number): number {
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    if (seconds <= 0) return;
    const start = performance.now();
    const id = setInterval(() => {
      const rest = Math.max(0, Math.ceil(seconds - (performance.now() - start) / 1000));
      setLeft(rest);
      if (rest === 0) clearInterval(id);
    }, 200);
    return () => clearInterval(id);
  }, [seconds]);
  return left;
}

export function ForcedReadingNotice({ servingId, title, body, seconds, onAccepted, onClose }: ForcedReadingNoticeProps) {
  const t = useTranslations('forcedReading');
  const left = useCountdown(seconds);
  const locked = left > 0;
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  // Announced politely at the start, every 5 seconds and at the end, not every tick:
  // the live region's text changes only at those moments.
  const spoken = locked ? t('countdownAnnounce', { seconds: Math.min(seconds, Math.ceil(left / 5) * 5) }) : t('readyAnnounce');

  const accept = async () => {
    if (locked || pending) return;
    setPending(true);
    setError(undefined);
    try {
      const r = await acceptNoticeAction({ servingId });
      if (r.ok) {
        onAccepted(r.data.acceptedAt);
        return;
      }
      setError(r.message);
    } catch {
      setError(t('acceptFailed'));
    }
    setPending(false);
  };

  const closable = !locked && !!onClose;
  return (
    <Dialog.Root
      open
      onOpenChange={(open) => {
        if (!open && closable) onClose?.();
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
        <Dialog.Content
          data-testid="forced-reading-notice"
          className="fixed left-1/2 top-1/2 z-50 flex max-h-[90dvh] w-[min(40rem,94vw)] -translate-x-1/2 -translate-y-1/2 flex-col rounded-card bg-white shadow-xl"
          onEscapeKeyDown={(e) => {
            if (!closable) e.preventDefault();
          }}
          // An outside click never dismisses the notice: it is accepted or closed on purpose.
          onPointerDownOutside={(e) => e.preventDefault()}
          onInteractOutside={(e) => e.preventDefault()}
        >
          <div className="flex items-start justify-between gap-4 border-b border-border px-5 py-4">
            <Dialog.Title className="text-lg font-semibold">{title}</Dialog.Title>
            {closable && (
              <Dialog.Close className="rounded p-1 hover:bg-muted" aria-label={t('close')}>
                <X className="h-5 w-5" aria-hidden />
              </Dialog.Close>
            )}
          </div>
          <Dialog.Description asChild>
            {/* Focusable, so the notice can be scrolled with the keyboard. */}
            <div tabIndex={0} className="min-h-0 flex-1 overflow-y-auto whitespace-pre-line px-5 py-4 text-sm leading-7 text-slate-800" data-testid="forced-reading-body">
              {body}
            </div>
          </Dialog.Description>
          <div className="flex flex-col gap-3 border-t border-border px-5 py-4">
            <FormAlert message={error} />
            <p className="sr-only" aria-live="polite" aria-atomic="true">
              {spoken}
            </p>
            <div className="flex flex-wrap items-center justify-end gap-3">
              {closable && (
                <Button type="button" variant="outline" onClick={onClose}>
                  {t('decline')}
                </Button>
              )}
              <Button type="button" size="lg" disabled={locked || pending} aria-disabled={locked || pending} onClick={accept} data-testid="forced-reading-accept">
                {locked ? t('countdown', { seconds: left }) : pending ? t('accepting') : t('accept')}
              </Button>
            </div>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
