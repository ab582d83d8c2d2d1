'use client';
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { FormAlert } from '@/components/forms/field';
import { confirmEmailChangeAction } from '@/lib/modules/account/actions/account-settings';

/** Confirms on a click, not on page load, so link scanners and prefetching cannot use the token. */
export function ConfirmEmail({ token, email }: { token: string; email: string }) {
  const t = useTranslations('accountSettings');
  const [state, setState] = useState<{ ok: boolean; message: string }>();
  const [pending, setPending] = useState(false);
  if (state) return <FormAlert tone={state.ok ? 'success' : 'danger'} message={state.message} />;
  return (
    <div className="flex flex-col gap-4">
      <p>{t('confirmEmailBody', { email })}</p>
      <Button
        disabled={pending}
        onClick={async () => {
          setPending(true);
          const r = await confirmEmailChangeAction({ token });
          setState(r.ok ? { ok: true, message: t('emailChanged', { email: r.data.email }) } : { ok: false, message: r.message });
        }}
      >
        {t('confirmEmail')}
      </Button>
    </div>
  );
}
