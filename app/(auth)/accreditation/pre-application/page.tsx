import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { fillSiteText, localizeSiteText } from '@/i18n/site-text';
import { senderAddress } from '@/lib/platform/email/env';
import { PreApplicationForm } from '@/components/accreditation/pre-application-form';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { businessFields } from '@/lib/modules/accreditation/pre-application/services/submit';
import { getSetting } from '@/lib/platform/settings';

export async function generateMetadata() {
  return { title: (await getTranslations('accreditation.preApplication'))('title') };
}

/** 新机构用户注册: the notes (editable site text) above the pre-application form. */
export default async function PreApplicationPage() {
  const db = await getDb();
  const [fields, notes] = await Promise.all([businessFields(db), getSetting<string[]>(db, 'accreditation.preApplicationNotes')]);
  const t = await getTranslations('accreditation.preApplication');
  const locale = await getLocale();
  // In the reader's language (shipped texts have English versions), with the address emails really come from.
  const shownNotes = notes.map((n) => fillSiteText(localizeSiteText(n, locale), { sender: senderAddress() }));
  return (
    <div className="flex w-full max-w-3xl flex-col gap-4">
      <Card>
        <CardHeader>
          <h1 className="text-xl font-semibold">{t('title')}</h1>
          <p className="text-sm text-muted-foreground">{t('intro')}</p>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-[2fr_1fr]">
          <section aria-labelledby="preapp-notes" className="rounded-md border border-amber-200 bg-amber-50 p-3">
            <h2 id="preapp-notes" className="mb-2 text-sm font-semibold text-amber-900">
              {t('notesTitle')}
            </h2>
            <ol className="list-decimal space-y-1 pl-5 text-sm text-amber-950" data-testid="preapp-notes">
              {shownNotes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ol>
          </section>
          <section aria-labelledby="preapp-steps" className="rounded-md border border-slate-200 p-3">
            <h2 id="preapp-steps" className="mb-2 text-sm font-semibold">
              {t('stepsTitle')}
            </h2>
            <ol className="list-decimal space-y-1 pl-5 text-sm">
              <li>{t('steps.fill')}</li>
              <li>{t('steps.verify')}</li>
              <li>{t('steps.review')}</li>
              <li>{t('steps.account')}</li>
            </ol>
          </section>
        </CardContent>
      </Card>
      <Card>
        <CardContent className="pt-5">
          <PreApplicationForm fields={fields.map((f) => ({ ...f, label: localizeSiteText(f.label, locale) }))} />
        </CardContent>
      </Card>
      <p className="text-center text-sm">
        <Link className="text-primary hover:underline" href="/login?as=organization">
          {t('backToLogin')}
        </Link>
      </p>
    </div>
  );
}
