'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { CERTIFICATE_CHANGE, CERTIFICATE_REISSUE } from '@/lib/modules/personnel/reissue/request-kinds';
import { createApplicationAction } from '@/lib/platform/workflow/actions/create-application';

/** 证书补发申请 / 证书信息变更申请 for one certificate: opens the request (a draft) and its page. */
export function RequestStart({ certificateId, number }: { certificateId: string; number: string }) {
  const t = useTranslations('personnel.requests');
  const router = useRouter();
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<string>();
  const start = async (kind: string) => {
    setBusy(true);
    setError(undefined);
    const r = await createApplicationAction({ kind, data: { certificateId }, mode: 'draft' });
    setBusy(false);
    if (!r.ok) return setError(r.message);
    router.push(`/portal/personnel/requests/${r.data.id}/edit`);
  };
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap gap-2">
        <Button type="button" size="sm" variant="outline" disabled={busy} onClick={() => void start(CERTIFICATE_REISSUE)} data-testid={`reissue-${number}`}>
          {busy ? t('starting') : t('reissue')}
        </Button>
        <Button type="button" size="sm" variant="outline" disabled={busy} onClick={() => void start(CERTIFICATE_CHANGE)} data-testid={`change-${number}`}>
          {t('change')}
        </Button>
      </div>
      {error && (
        <p role="alert" className="text-xs text-danger">
          {error}
        </p>
      )}
    </div>
  );
}
