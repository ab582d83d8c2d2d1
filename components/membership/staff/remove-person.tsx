'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Trash2 } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { removeStaffPersonAction } from '@/lib/modules/membership/staff/actions/roster';

/** 移除: a confirmation, then the soft removal; the list reloads with the outcome above it. */
export function RemoveStaffPerson({ id, name }: { id: string; name: string }) {
  const t = useTranslations('membershipStaff.roster');
  const router = useRouter();
  const [error, setError] = React.useState<string | null>(null);
  const [pending, start] = React.useTransition();
  return (
    <span className="inline-flex flex-col items-start">
      <ConfirmDialog
        trigger={
          <Button type="button" variant="ghost" size="sm" disabled={pending} aria-label={`${t('remove')} ${name}`}>
            <Trash2 className="h-4 w-4" aria-hidden />
            {pending ? t('removing') : t('remove')}
          </Button>
        }
        title={t('removeTitle')}
        description={t('removeBody', { name })}
        confirmLabel={t('removeConfirm')}
        cancelLabel={t('cancel')}
        onConfirm={() =>
          start(async () => {
            setError(null);
            const r = await removeStaffPersonAction({ id });
            if (!r.ok) return setError(r.message);
            router.replace(`/portal/membership/staff?removed=${encodeURIComponent(name)}`);
            router.refresh();
          })
        }
      />
      {error && (
        <span role="alert" className="text-xs text-danger">
          {error}
        </span>
      )}
    </span>
  );
}
