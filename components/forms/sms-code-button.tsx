'use client';
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';

/** "获取验证码" with a 60-second countdown after a successful send. */
export function SmsCodeButton({ onSend, disabled }: { onSend: () => Promise<{ ok: boolean; resendInSec?: number }>; disabled?: boolean }) {
  const t = useTranslations('auth');
  const [wait, setWait] = useState(0);
  const [sending, setSending] = useState(false);
  useEffect(() => {
    if (wait <= 0) return;
    const id = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(id);
  }, [wait]);
  return (
    <Button
      type="button"
      variant="outline"
      className="shrink-0"
      data-testid="send-sms-code"
      disabled={disabled || sending || wait > 0}
      onClick={async () => {
        setSending(true);
        try {
          const r = await onSend();
          if (r.ok) setWait(r.resendInSec ?? 60);
        } finally {
          setSending(false);
        }
      }}
    >
      {wait > 0 ? t('resendIn', { seconds: wait }) : t('sendCode')}
    </Button>
  );
}
