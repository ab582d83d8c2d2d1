'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Lock, Unlock } from 'lucide-react';
import { FormAlert } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { setCourseStatusAction } from '@/lib/modules/membership/staff/actions/courses';

/** 开放报名 / 关闭报名 with a confirmation; the page reloads with the new state. */
export function CourseStatusButton({ id, status, code }: { id: string; status: 'draft' | 'open' | 'closed'; code: string }) {
  const t = useTranslations('membershipStaff.courses');
  const router = useRouter();
  const [error, setError] = React.useState<string | null>(null);
  const [pending, start] = React.useTransition();
  const target = status === 'open' ? 'closed' : 'open';
  const run = () =>
    start(async () => {
      setError(null);
      const r = await setCourseStatusAction({ id, status: target });
      if (!r.ok) return setError(r.message);
      router.replace(`/staff/membership/training/${id}?${target === 'open' ? 'opened' : 'closed'}=1`);
      router.refresh();
    });
  return (
    <div className="flex flex-col gap-2">
      <ConfirmDialog
        trigger={
          <Button type="button" size="sm" variant={target === 'open' ? 'default' : 'outline'} disabled={pending} data-testid="course-status-button">
            {target === 'open' ? <Unlock className="h-4 w-4" aria-hidden /> : <Lock className="h-4 w-4" aria-hidden />}
            {target === 'open' ? t('open') : t('close')}
          </Button>
        }
        title={target === 'open' ? t('openTitle') : t('closeTitle')}
        description={target === 'open' ? t('openBody', { code }) : t('closeBody', { code })}
        confirmLabel={target === 'open' ? t('open') : t('close')}
        cancelLabel={t('cancel')}
        danger={target === 'closed'}
        onConfirm={run}
      />
      {error && <FormAlert message={error} />}
    </div>
  );
}
