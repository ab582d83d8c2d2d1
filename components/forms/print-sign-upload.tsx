'use client';
import { useTranslations } from 'next-intl';
import { Printer } from 'lucide-react';
import type { DocumentSummary } from '@/lib/platform/documents/schemas';
import type { SlotSpec } from '@/lib/platform/documents/slots';
import { UploadField } from './upload-field';

/**
 * The "sign and re-upload" loop (seeds 002, 004): print the generated form,
 * sign and stamp it, upload the scan into the matching slot. The slot should
 * be PDF-only (a scanned, stamped letter); the server enforces the slot as
 * registered, whatever this component is given.
 */
export function PrintSignUpload({
  href,
  slot,
  applicationId,
  initialDocuments,
  canDelete,
  title,
}: {
  /** The generated PDF (an authorized route). */
  href: string;
  slot: SlotSpec;
  applicationId: string;
  initialDocuments?: DocumentSummary[];
  canDelete?: boolean;
  title?: string;
}) {
  const t = useTranslations('documents.printSign');
  const step = (n: number, heading: string, children: React.ReactNode) => (
    <li className="flex gap-3">
      <span aria-hidden className="flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-primary text-sm font-semibold text-primary-foreground">
        {n}
      </span>
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <h3 className="font-medium">{heading}</h3>
        {children}
      </div>
    </li>
  );
  return (
    <section aria-label={title ?? t('title')} className="flex flex-col gap-3" data-testid={`print-sign-upload-${slot.key}`}>
      {title !== '' && <h2 className="font-semibold">{title ?? t('title')}</h2>}
      <ol className="flex flex-col gap-4">
        {step(
          1,
          t('step1'),
          <>
            <a href={href} target="_blank" rel="noopener" className="inline-flex items-center gap-1.5 text-primary hover:underline">
              <Printer className="h-4 w-4" aria-hidden />
              {t('step1Link')}
            </a>
            <p className="text-xs text-muted-foreground">{t('step1Hint')}</p>
          </>,
        )}
        {step(2, t('step2'), <p className="text-sm text-muted-foreground">{t('step2Hint')}</p>)}
        {step(
          3,
          t('step3'),
          <>
            <p className="text-xs text-muted-foreground">{t('step3Hint')}</p>
            <UploadField slot={slot} applicationId={applicationId} initialDocuments={initialDocuments} canDelete={canDelete} phone={false} />
          </>,
        )}
      </ol>
    </section>
  );
}
