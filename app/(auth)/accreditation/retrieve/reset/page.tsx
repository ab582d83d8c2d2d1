import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ResetByLinkForm } from '@/components/auth/reset-by-link-form';
import { FormAlert } from '@/components/forms/field';
import { Card, CardContent } from '@/components/ui/card';
import { getDb } from '@/db';
import { resetInstitutionPasswordAction } from '@/lib/modules/accreditation/institutions/actions/retrieve-password';
import { institutionForResetToken } from '@/lib/modules/accreditation/institutions/services/retrieve-password';

export async function generateMetadata() {
  return { title: (await getTranslations('accreditedInstitutions.reset'))('title') };
}

/** The page the retrieval email links to: the form only while the link is valid (it is used on submit). */
export default async function InstitutionResetPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const t = await getTranslations('accreditedInstitutions.reset');
  const token = (await searchParams).token ?? '';
  const inst = await institutionForResetToken(await getDb(), token);
  return (
    <div className="w-full max-w-md">
      <h1 className="mb-4 text-center text-2xl font-semibold">{t('title')}</h1>
      <Card>
        <CardContent className="flex flex-col gap-4 py-6">
          {inst ? (
            <>
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-md border border-border bg-muted/40 p-3 text-sm">
                <dt className="text-muted-foreground">{t('institution')}</dt>
                <dd>{inst.name}</dd>
                <dt className="text-muted-foreground">{t('certificateNumber')}</dt>
                <dd>{inst.certificateNumber}</dd>
                <dt className="text-muted-foreground">{t('username')}</dt>
                <dd className="font-medium" data-testid="institution-username">
                  {inst.username}
                </dd>
              </dl>
              <ResetByLinkForm
                token={token}
                action={resetInstitutionPasswordAction}
                loginHref="/login?as=organization"
                doneMessage={t('done', { username: inst.username ?? '' })}
              />
            </>
          ) : (
            <div className="flex flex-col gap-3" data-testid="link-invalid">
              <FormAlert message={t('linkInvalid')} />
              <Link href="/accreditation/retrieve" className="text-primary hover:underline">
                {t('again')}
              </Link>
            </div>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
