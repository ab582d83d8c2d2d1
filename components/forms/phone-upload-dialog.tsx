'use client';
import * as React from 'react';
import { useTranslations } from 'next-intl';
import { Dialog } from 'radix-ui';
import { X } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { pollPhoneUploadAction } from '@/lib/platform/documents/actions/poll-phone-upload';
import { startPhoneUploadAction } from '@/lib/platform/documents/actions/start-phone-upload';
import type { SlotSpec } from '@/lib/platform/documents/slots';

const POLL_MS = 2000;
const TTL_MINUTES = 10;

type Session = { id: string; url: string; qr: string; expiresAt: string };
type State = { step: 'idle' | 'starting' } | { step: 'waiting'; session: Session } | { step: 'expired' } | { step: 'error'; message: string };

/**
 * 用手机上传: asks the server for a single-use link, shows it as a QR code and
 * as text, and polls every 2 s until the phone's file arrives (then closes and
 * tells the field to refresh) or the link dies. Polling stops when closed.
 */
export function PhoneUploadDialog({
  slot,
  applicationId,
  trigger,
  onReceived,
}: {
  slot: SlotSpec;
  applicationId: string | null;
  trigger: React.ReactNode;
  onReceived: (message: string) => void;
}) {
  const t = useTranslations('documents.phone');
  const [open, setOpen] = React.useState(false);
  const [state, setState] = React.useState<State>({ step: 'idle' });
  const onReceivedRef = React.useRef(onReceived);
  React.useEffect(() => {
    onReceivedRef.current = onReceived;
  }, [onReceived]);

  const start = React.useCallback(async () => {
    setState({ step: 'starting' });
    const r = await startPhoneUploadAction({ applicationId, slot: slot.key });
    setState(r.ok ? { step: 'waiting', session: r.data } : { step: 'error', message: r.message });
  }, [applicationId, slot.key]);

  const sessionId = state.step === 'waiting' ? state.session.id : null;
  React.useEffect(() => {
    if (!open || !sessionId) return;
    let inFlight = false;
    let stopped = false;
    const timer = window.setInterval(async () => {
      if (inFlight || stopped) return;
      inFlight = true;
      try {
        const r = await pollPhoneUploadAction({ id: sessionId });
        if (stopped || !r.ok) return;
        if (r.data.status === 'done' && r.data.document) {
          stopped = true;
          setOpen(false);
          setState({ step: 'idle' });
          onReceivedRef.current(t('received', { name: r.data.document.fileName }));
        } else if (r.data.status === 'expired') {
          stopped = true;
          setState({ step: 'expired' });
        }
      } catch {
        // A failed poll (network blip) is simply retried on the next tick.
      } finally {
        inFlight = false;
      }
    }, POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [open, sessionId, t]);

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) void start();
        else setState({ step: 'idle' });
      }}
    >
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 flex w-[min(26rem,92vw)] -translate-x-1/2 -translate-y-1/2 flex-col gap-3 rounded-card bg-white p-5 shadow-xl" data-testid="phone-upload-dialog">
          <div className="flex items-center justify-between">
            <Dialog.Title className="text-base font-semibold">{t('title')}</Dialog.Title>
            <Dialog.Close className="rounded p-1 hover:bg-muted" aria-label={t('close')}>
              <X className="h-5 w-5" />
            </Dialog.Close>
          </div>
          <Dialog.Description className="text-sm text-muted-foreground">{t('intro', { minutes: TTL_MINUTES })}</Dialog.Description>
          {state.step === 'starting' && <p role="status">{t('starting')}</p>}
          {state.step === 'error' && (
            <p role="alert" className="text-sm text-danger">
              {state.message}
            </p>
          )}
          {state.step === 'waiting' && (
            <>
              {/* A data URL made on the server: nothing is fetched from elsewhere. */}
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img src={state.session.qr} alt={t('qrAlt')} width={240} height={240} className="mx-auto h-60 w-60" data-testid="phone-upload-qr" />
              <p className="text-sm">{t('orOpen')}</p>
              <p className="select-all break-all rounded bg-muted px-2 py-1 font-mono text-xs" data-testid="phone-upload-url">
                {state.session.url}
              </p>
              <p role="status" className="text-sm text-muted-foreground">
                {t('waiting')}
              </p>
            </>
          )}
          {(state.step === 'expired' || state.step === 'error') && (
            <>
              {state.step === 'expired' && (
                <p role="status" className="text-sm text-danger">
                  {t('expired')}
                </p>
              )}
              <Button type="button" variant="outline" onClick={() => void start()}>
                {t('again')}
              </Button>
            </>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
