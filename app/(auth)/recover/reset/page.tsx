import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ResetByLinkForm } from '@/components/auth/reset-by-link-form';
import { FormAlert } from '@/components/forms/field';
import { Card, CardContent } from '@/components/ui/card';
import { getDb } from '@/db';
import { peekToken } from '@/lib/platform/auth/tokens';

/** The page a reset email links to: the form only while the link is valid (it is used on submit). */
export default async function ResetPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const t = await getTranslations('recover');
  const token = (await searchParams).token ?? '';
  const valid = await peekToken(await getDb(), 'reset_password', token);
  return (
    <div className="w-full max-w-md">
      <h1 className="mb-4 text-center text-2xl font-semibold">{t('setNew')}</h1>
      <Card>
        <CardContent className="py-6">
          {valid ? (
            <ResetByLinkForm token={token} />
          ) : (
            <div className="flex flex-col gap-3" data-testid="link-invalid">
              <FormAlert message={t('linkInvalid')} />
              <Link href="/recover" className="text-primary hover:underline">
                {t('again')}
              </Link>
            </div>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
