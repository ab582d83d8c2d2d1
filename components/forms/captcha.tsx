'use client';
import { useCallback, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { useTranslations } from 'next-intl';
import { CheckCircle2, Loader2, ShieldCheck } from 'lucide-react';
import { sha256Hex } from '@/lib/sha256';
import { cn } from '@/lib/utils';

/**
 * The self-hosted, accessible captcha: one button; the browser solves a
 * proof-of-work challenge (no image to read, works with a keyboard and a screen
 * reader, and offline). The solution is single-use: call `reset()` after a
 * failed submission to get a fresh one.
 */
export type CaptchaHandle = { reset: () => void };
type State = { status: 'idle' | 'working' | 'done' | 'error'; progress: number };

export function Captcha({ onChange, error, ref, id = 'captcha' }: { onChange: (payload: string) => void; error?: string; ref?: Ref<CaptchaHandle>; id?: string }) {
  const t = useTranslations('auth');
  const [state, setState] = useState<State>({ status: 'idle', progress: 0 });
  const button = useRef<HTMLButtonElement>(null);

  const reset = useCallback(() => {
    setState({ status: 'idle', progress: 0 });
    onChange('');
    // A fresh check is needed: if the focus was lost (to <body>), it goes to the button that asks for it.
    const active = document.activeElement;
    if (!active || active === document.body) button.current?.focus();
  }, [onChange]);
  useImperativeHandle(ref, () => ({ reset }), [reset]);

  const busy = state.status === 'working' || state.status === 'done';
  const solve = async () => {
    if (busy) return;
    setState({ status: 'working', progress: 0 });
    try {
      const res = await fetch('/api/captcha', { cache: 'no-store' });
      const c = (await res.json()) as { challenge: string; salt: string; signature: string; maxNumber: number };
      const chunk = 5000;
      for (let start = 0; start <= c.maxNumber; start += chunk) {
        const end = Math.min(c.maxNumber, start + chunk - 1);
        for (let n = start; n <= end; n++) {
          if (sha256Hex(c.salt + n) === c.challenge) {
            onChange(btoa(JSON.stringify({ challenge: c.challenge, salt: c.salt, signature: c.signature, number: n })));
            setState({ status: 'done', progress: 100 });
            return;
          }
        }
        setState({ status: 'working', progress: Math.round((end / c.maxNumber) * 100) });
        // Yield to the page between chunks so it stays responsive.
        await new Promise((r) => setTimeout(r, 0));
      }
      setState({ status: 'error', progress: 0 });
    } catch {
      setState({ status: 'error', progress: 0 });
    }
  };

  return (
    <div className="flex flex-col gap-1">
      <span className="text-sm font-medium text-slate-700" id={`${id}-label`}>
        {t('captchaLabel')}
      </span>
      <button
        type="button"
        id={id}
        data-testid="captcha"
        ref={button}
        aria-labelledby={`${id}-label ${id}-status`}
        // aria-disabled, not disabled: a disabled button drops the keyboard focus to <body> when the check passes.
        aria-disabled={busy || undefined}
        onClick={solve}
        className={cn(
          'flex h-11 items-center gap-2 rounded-md border px-3 text-left text-sm transition',
          state.status === 'done' ? 'border-success bg-green-50 text-green-800' : 'border-border bg-white hover:bg-primary-soft',
          error && state.status !== 'done' && 'border-danger',
        )}
      >
        {state.status === 'working' ? (
          <Loader2 className="h-5 w-5 animate-spin text-primary" aria-hidden />
        ) : state.status === 'done' ? (
          <CheckCircle2 className="h-5 w-5" aria-hidden />
        ) : (
          <ShieldCheck className="h-5 w-5 text-primary" aria-hidden />
        )}
        <span id={`${id}-status`} aria-live="polite">
          {state.status === 'working'
            ? `${t('captchaWorking')} ${state.progress}%`
            : state.status === 'done'
              ? t('captchaDone')
              : state.status === 'error'
                ? t('captchaFailed')
                : t('captchaStart')}
        </span>
      </button>
      {error && state.status !== 'done' && (
        <p className="text-sm text-danger" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
