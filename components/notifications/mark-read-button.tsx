'use client';
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { CheckCheck } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { useMarkRead } from './use-mark-read';

/** "全部标为已读" or "标为已读" for one notification; the page re-renders from the server afterwards. */
export function MarkReadButton({ id, disabled }: { id?: number; disabled?: boolean }) {
  const t = useTranslations('notifications');
  const { mark, pending } = useMarkRead();
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const all = id === undefined;
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        type="button"
        size="sm"
        variant={all ? 'outline' : 'ghost'}
        disabled={disabled || pending}
        data-testid={all ? 'mark-all-read' : 'mark-read'}
        onClick={() =>
          mark(all ? { all: true } : { ids: [id] }, (r) => {
            if (!r.ok) setMessage({ ok: false, text: r.message || t('failed') });
            else if (all) setMessage({ ok: true, text: t('markedAllRead') });
          })
        }
      >
        {all && <CheckCheck className="h-4 w-4" aria-hidden />}
        {all ? t('markAllRead') : t('markRead')}
      </Button>
      {message && (
        <span role="status" className={message.ok ? 'text-sm text-success' : 'text-sm text-danger'}>
          {message.text}
        </span>
      )}
    </span>
  );
}
