'use client';
import * as React from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { FormAlert } from '@/components/forms/field';
import { Button } from '@/components/ui/button';
import { resendVerificationAction } from '@/lib/modules/accreditation/pre-application/actions/resend-verification';
import { verifyPreApplicationAction } from '@/lib/modules/accreditation/pre-application/actions/verify';

export function VerifyButton({ token }: { token: string }) {
  const t = useTranslations('accreditation.preApplication');
  const [result, setResult] = React.useState<{ ok: boolean; message: string }>();
  const [pending, start] = React.useTransition();
  if (result?.ok)
    return (
      <div className="flex flex-col gap-3">
        <FormAlert tone="success" message={result.message} />
        <p className="text-sm text-muted-foreground">{t('verifiedNext')}</p>
        <p className="flex flex-wrap gap-4 text-sm" data-testid="verify-onward">
          <Link href="/modules/accreditation" className="text-primary hover:underline">
            {t('onwardModule')}
          </Link>
          <Link href="/" className="text-primary hover:underline">
            {t('onwardHome')}
          </Link>
        </p>
      </div>
    );
  return (
    <div className="flex flex-col gap-2">
      <FormAlert message={result?.message} />
      <div>
        <Button
          type="button"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const r = await verifyPreApplicationAction({ token });
              setResult(r.ok ? { ok: true, message: t('verified', { number: r.data.number }) } : { ok: false, message: r.message });
            })
          }
        >
          {t('verifyButton')}
        </Button>
      </div>
    </div>
  );
}

export function ResendVerification({ token }: { token: string }) {
  const t = useTranslations('accreditation.preApplication');
  const router = useRouter();
  const [result, setResult] = React.useState<{ ok: boolean; message: string }>();
  const [pending, start] = React.useTransition();
  return (
    <div className="flex flex-col gap-2">
      <FormAlert tone={result?.ok ? 'success' : 'danger'} message={result?.message} />
      <div>
        <Button
          type="button"
          size="sm"
          variant="outline"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const r = await resendVerificationAction({ token });
              setResult(r.ok ? { ok: true, message: t('resent', { email: r.data.email }) } : { ok: false, message: r.message });
              if (!r.ok) router.refresh();
            })
          }
        >
          {t('resend')}
        </Button>
      </div>
    </div>
  );
}
