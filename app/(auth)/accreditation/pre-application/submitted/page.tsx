import Link from 'next/link';
import { CheckCircle2 } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { Card, CardContent } from '@/components/ui/card';
import { getDb } from '@/db';
import { getSetting, type SupportContacts } from '@/lib/platform/settings';

export async function generateMetadata() {
  return { title: (await getTranslations('accreditation.preApplication'))('successTitle') };
}

/** After submit: where the links went and what to do next (the number and address come from the redirect). */
export default async function SubmittedPage({ searchParams }: { searchParams: Promise<{ n?: string; e?: string }> }) {
  const sp = await searchParams;
  const t = await getTranslations('accreditation.preApplication');
  const number = (sp.n ?? '').slice(0, 40);
  const email = (sp.e ?? '').slice(0, 100);
  const support = await getSetting<SupportContacts>(await getDb(), 'site.support');
  return (
    <Card className="w-full max-w-lg">
      <CardContent className="flex flex-col items-center gap-3 pt-6 text-center">
        <CheckCircle2 className="h-10 w-10 text-green-600" aria-hidden />
        <h1 className="text-xl font-semibold">{t('successTitle')}</h1>
        <p role="status" className="text-sm">
          {t('successBody', { number, email })}
        </p>
        {/* No email means no link: the way out is a person, not the email's own resend link. */}
        <p className="text-xs text-muted-foreground" data-testid="no-email-help">
          {t('successNoEmail', { phone: support.phone, email: support.email })}
        </p>
        <Link className="text-sm text-primary hover:underline" href="/login?as=organization">
          {t('backToLogin')}
        </Link>
      </CardContent>
    </Card>
  );
}
