import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Smartphone } from 'lucide-react';
import { PhoneUploadForm } from '@/components/forms/phone-upload-form';
import { getDb } from '@/db';
import { phoneLinkState } from '@/lib/platform/documents/services/phone-upload';

export const dynamic = 'force-dynamic';

// The token is in the URL: keep it out of search engines and Referer headers.
export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: 'no-referrer' };

/**
 * The phone side of 用手机上传: opened from the desktop's QR code, no sign-in
 * (the single-use token is the credential). Shows why a dead link cannot be used.
 */
export default async function PhoneUploadPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations('documents');
  const tAll = await getTranslations();
  const link = await phoneLinkState(await getDb(), token);
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col gap-5 bg-white px-5 py-8">
      <h1 className="flex items-center gap-2 text-xl font-semibold">
        <Smartphone className="h-6 w-6 text-primary" aria-hidden />
        {t('mobile.title')}
      </h1>
      {link.state === 'ready' ? (
        <PhoneUploadForm
          token={token}
          slot={link.slot}
          slotLabel={tAll.has(link.slot.label) ? tAll(link.slot.label) : link.slot.label}
          expiresAt={link.expiresAt}
          applicationNumber={link.applicationNumber}
        />
      ) : (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-red-800" data-testid="phone-link-dead">
          <p className="font-semibold">{t(`mobile.${link.state}Title`)}</p>
          <p className="mt-1 text-sm">{t(`errors.${link.state === 'used' ? 'phoneLinkUsed' : link.state === 'expired' ? 'phoneLinkExpired' : 'phoneLinkInvalid'}`)}</p>
        </div>
      )}
    </main>
  );
}
