import { getTranslations } from 'next-intl/server';
import { ConfirmEmail } from '@/components/account/confirm-email';
import { FormAlert } from '@/components/forms/field';
import { Card, CardContent } from '@/components/ui/card';
import { getDb } from '@/db';
import { peekToken } from '@/lib/platform/auth/tokens';

export default async function ConfirmEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const t = await getTranslations('accountSettings');
  const token = (await searchParams).token ?? '';
  const row = await peekToken(await getDb(), 'change_email', token);
  return (
    <div className="w-full max-w-md">
      <h1 className="mb-4 text-center text-2xl font-semibold">{t('confirmEmailTitle')}</h1>
      <Card>
        <CardContent className="py-6">
          {row ? <ConfirmEmail token={token} email={(row.data as { email: string }).email} /> : <FormAlert message={t('linkInvalid')} />}
        </CardContent>
      </Card>
    </div>
  );
}
