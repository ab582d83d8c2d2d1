'use client';
import { useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import type { ActionResult } from '@/lib/platform/errors';
import type { CaptchaHandle } from './captcha';
import { applyServerErrors } from './use-zod-form';

export type FormNotice = { tone: 'danger' | 'success' | 'info'; message: string; code?: string };

/**
 * The "human check → send SMS code" step shared by every form that sends a
 * code: validates the mobile field, requires a solved captcha, calls the send
 * action, spends the captcha, and reports through `onNotice`.
 */
export function useCaptchaSms<T extends FieldValues>(
  form: UseFormReturn<T, unknown, unknown>,
  opts: {
    mobileField: Path<T>;
    /** Further fields to validate before sending (e.g. the account). */
    alsoValidate?: Path<T>[];
    send: (mobile: string, captcha: string) => Promise<ActionResult<{ resendInSec: number }>>;
    onNotice: (n: FormNotice | undefined) => void;
  },
) {
  const t = useTranslations('auth');
  const [captcha, setCaptcha] = useState('');
  const [captchaError, setCaptchaError] = useState<string>();
  const captchaRef = useRef<CaptchaHandle>(null);

  const sendCode = async (): Promise<{ ok: boolean; resendInSec?: number }> => {
    opts.onNotice(undefined);
    if (!(await form.trigger([opts.mobileField, ...(opts.alsoValidate ?? [])]))) return { ok: false };
    if (!captcha) {
      setCaptchaError(t('captchaRequired'));
      return { ok: false };
    }
    const mobile = String(form.getValues(opts.mobileField) ?? '').trim();
    const r = await opts.send(mobile, captcha);
    // A solution is single-use: the next send needs a new check.
    captchaRef.current?.reset();
    if (!r.ok) {
      opts.onNotice({ tone: 'danger', message: applyServerErrors(form, r), code: r.code });
      return { ok: false };
    }
    opts.onNotice({ tone: 'info', message: t('codeSent', { mobile }) });
    return { ok: true, resendInSec: r.data.resendInSec };
  };

  return {
    sendCode,
    captchaProps: {
      ref: captchaRef,
      error: captchaError,
      onChange: (v: string) => {
        setCaptcha(v);
        setCaptchaError(undefined);
      },
    },
  };
}
