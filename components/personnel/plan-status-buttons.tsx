'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { FormAlert } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { setPlanStatusAction } from '@/lib/modules/personnel/actions/set-plan-status';

/** 发布（开放报名） / 关闭报名, each after a confirmation. */
export function PlanStatusButtons({ planId, status, name }: { planId: string; status: string; name: string }) {
  const t = useTranslations('personnel.plans');
  const router = useRouter();
  const [error, setError] = React.useState<string>();
  const set = async (to: 'open' | 'closed') => {
    setError(undefined);
    const r = await setPlanStatusAction({ planId, status: to });
    if (!r.ok) return setError(r.message);
    router.refresh();
  };
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        {status !== 'open' && (
          <ConfirmDialog
            danger={false}
            trigger={<Button size="sm">{t('open')}</Button>}
            title={t('openTitle')}
            description={t('openConfirm', { name })}
            confirmLabel={t('open')}
            cancelLabel={t('cancel')}
            onConfirm={() => set('open')}
          />
        )}
        {status === 'open' && (
          <ConfirmDialog
            trigger={
              <Button size="sm" variant="outline">
                {t('close')}
              </Button>
            }
            title={t('closeTitle')}
            description={t('closeConfirm', { name })}
            confirmLabel={t('close')}
            cancelLabel={t('cancel')}
            onConfirm={() => set('closed')}
          />
        )}
      </div>
      <FormAlert message={error} />
    </div>
  );
}
