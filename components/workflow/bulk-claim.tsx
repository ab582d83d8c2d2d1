'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { bulkClaimAction } from '@/lib/platform/workflow/actions/bulk-claim';

/** The queue's bulk claim: rows' checkboxes belong to this form through their `form` attribute. */
export function BulkClaimForm({ id }: { id: string }) {
  const t = useTranslations('workflow.queue');
  const router = useRouter();
  const [message, setMessage] = React.useState<{ ok: boolean; text: string }>();
  const [pending, start] = React.useTransition();
  return (
    <form
      id={id}
      method="post"
      className="flex items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const ids = new FormData(e.currentTarget).getAll('ids').map(String);
        start(async () => {
          const r = await bulkClaimAction({ ids });
          setMessage(r.ok ? { ok: true, text: t('bulkClaimed', { claimed: r.data.claimed, skipped: r.data.skipped }) } : { ok: false, text: r.message });
          if (r.ok) router.refresh();
        });
      }}
    >
      <Button type="submit" size="sm" variant="outline" disabled={pending}>
        {t('bulkClaim')}
      </Button>
      {message && (
        <span role={message.ok ? 'status' : 'alert'} className={message.ok ? 'text-sm text-green-700' : 'text-sm text-danger'}>
          {message.text}
        </span>
      )}
    </form>
  );
}
