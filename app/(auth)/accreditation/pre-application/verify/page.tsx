import { getTranslations } from 'next-intl/server';
import { VerifyButton } from '@/components/accreditation/verify-button';
import { Card, CardContent } from '@/components/ui/card';
import { getDb } from '@/db';
import { peekToken } from '@/lib/platform/auth/tokens';
import { VERIFY_PURPOSE } from '@/lib/modules/accreditation/pre-application/services/links';

export async function generateMetadata() {
  return { title: (await getTranslations('accreditation.preApplication'))('verifyTitle') };
}

/**
 * The verify link. Opening it does not verify (mail scanners open links);
 * the button does, once.
 */
export default async function VerifyPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const token = (await searchParams).token ?? '';
  const t = await getTranslations('accreditation.preApplication');
  const live = token ? await peekToken(await getDb(), VERIFY_PURPOSE, token) : undefined;
  return (
    <Card className="w-full max-w-lg">
      <CardContent className="flex flex-col gap-3 pt-6">
        <h1 className="text-xl font-semibold">{live ? t('verifyTitle') : t('linkInvalidTitle')}</h1>
        {live ? (
          <>
            <p className="text-sm text-muted-foreground">{t('verifyBody')}</p>
            <VerifyButton token={token} />
          </>
        ) : (
          <p role="alert" className="text-sm text-danger">
            {t('linkInvalid')}
          </p>
        )}
      </CardContent>
    </Card>
  );
}
