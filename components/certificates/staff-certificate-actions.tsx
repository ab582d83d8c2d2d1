'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { renewCertificateAction } from '@/lib/platform/certificates/actions/renew-certificate';
import { replaceCertificateAction } from '@/lib/platform/certificates/actions/replace-certificate';
import { voidCertificateAction } from '@/lib/platform/certificates/actions/void-certificate';

type Result = { ok: true } | { ok: false; message: string; fieldErrors?: Record<string, string[]> };

/** Renew / replace / void one certificate (staff of its module); the server decides again. */
export function StaffCertificateActions({ certificateId, number }: { certificateId: string; number: string }) {
  const t = useTranslations('certificates.staff');
  const router = useRouter();
  const [pending, start] = React.useTransition();
  const [message, setMessage] = React.useState<{ ok: boolean; text: string }>();
  const [validUntil, setValidUntil] = React.useState('');
  const [replaceReason, setReplaceReason] = React.useState('');
  const [voidReason, setVoidReason] = React.useState('');
  const run = (call: () => Promise<Result>) =>
    start(async () => {
      const r = await call();
      setMessage(r.ok ? { ok: true, text: t('done') } : { ok: false, text: Object.values(r.fieldErrors ?? {})[0]?.[0] ?? r.message });
      router.refresh();
    });
  const input = 'mt-1 block h-8 w-full rounded-md border border-border px-2 text-sm text-foreground';
  return (
    <div className="flex flex-col items-start gap-1">
      <div className="flex gap-1">
        <ConfirmDialog
          trigger={
            <Button size="sm" variant="outline" disabled={pending}>
              {t('renew')}
            </Button>
          }
          title={t('renewTitle', { number })}
          description={
            <span className="flex flex-col gap-2">
              <span>{t('renewBody')}</span>
              <label className="block">
                {t('renewDate')}
                <input type="date" className={input} value={validUntil} onChange={(e) => setValidUntil(e.target.value)} />
              </label>
            </span>
          }
          confirmLabel={t('renewConfirm')}
          cancelLabel={t('cancel')}
          danger={false}
          onConfirm={() => run(() => renewCertificateAction({ certificateId, validUntil: validUntil || undefined }))}
        />
        <ConfirmDialog
          trigger={
            <Button size="sm" variant="outline" disabled={pending}>
              {t('replace')}
            </Button>
          }
          title={t('replaceTitle', { number })}
          description={
            <span className="flex flex-col gap-2">
              <span>{t('replaceBody')}</span>
              <label className="block">
                {t('replaceReason')}
                <input className={input} maxLength={500} value={replaceReason} onChange={(e) => setReplaceReason(e.target.value)} />
              </label>
            </span>
          }
          confirmLabel={t('replaceConfirm')}
          cancelLabel={t('cancel')}
          danger={false}
          onConfirm={() => run(() => replaceCertificateAction({ certificateId, reason: replaceReason || undefined }))}
        />
        <ConfirmDialog
          trigger={
            <Button size="sm" variant="outline" disabled={pending}>
              {t('void')}
            </Button>
          }
          title={t('voidTitle', { number })}
          description={
            <span className="flex flex-col gap-2">
              <span>{t('voidBody')}</span>
              <label className="block">
                {t('voidReason')}
                <input className={input} maxLength={500} required value={voidReason} onChange={(e) => setVoidReason(e.target.value)} />
              </label>
            </span>
          }
          confirmLabel={t('voidConfirm')}
          cancelLabel={t('cancel')}
          onConfirm={() => run(() => voidCertificateAction({ certificateId, reason: voidReason }))}
        />
      </div>
      {message && (
        <span role={message.ok ? 'status' : 'alert'} className={message.ok ? 'text-xs text-green-700' : 'text-xs text-danger'}>
          {message.text}
        </span>
      )}
    </div>
  );
}
