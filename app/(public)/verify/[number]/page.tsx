import { BadgeCheck, SearchX } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db';
import { verifyDocumentNumber } from '@/lib/platform/pdf/verify';
import { Card, CardContent } from '@/components/ui/card';
import { kindName, stateLabel } from '@/components/workflow/labels';
import { VerifyForm } from '../verify-form';

export async function generateMetadata() {
  // Results are per number and public; search engines should not collect them.
  return { title: (await getTranslations('pdf.verify'))('title'), robots: { index: false } };
}

/** Where the QR code on every generated PDF leads. Public: no sign-in. */
export default async function VerifyPage({ params }: { params: Promise<{ number: string }> }) {
  const { number: raw } = await params;
  const number = safeDecode(raw);
  const result = await verifyDocumentNumber(await getDb(), number);
  const t = await getTranslations();
  const v = await getTranslations('pdf.verify');

  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-4">
      <h1 className="text-xl font-semibold">{v('title')}</h1>
      <Card>
        <CardContent className="flex flex-col gap-4 py-6">
          {result ? (
            <>
              <p className="flex items-center gap-2 font-medium text-success" role="status">
                <BadgeCheck className="size-5 shrink-0" aria-hidden />
                {v('found')}
              </p>
              <dl className="grid grid-cols-[7rem_1fr] gap-x-4 gap-y-2 text-sm" data-testid="verify-result">
                <dt className="text-muted-foreground">{v('number')}</dt>
                <dd className="font-mono">{result.number}</dd>
                <dt className="text-muted-foreground">{v('kind')}</dt>
                <dd>{kindName(t, result.kind)}</dd>
                <dt className="text-muted-foreground">{v('status')}</dt>
                <dd>{stateLabel(t, result.kind, result.status)}</dd>
                <dt className="text-muted-foreground">{v('applicant')}</dt>
                <dd>{result.applicantMasked}</dd>
              </dl>
              <p className="text-xs text-muted-foreground">{v('maskedNote')}</p>
            </>
          ) : (
            <div className="flex flex-col gap-1" role="status">
              <p className="flex items-center gap-2 font-medium text-danger">
                <SearchX className="size-5 shrink-0" aria-hidden />
                {v('notFound')}
              </p>
              <p className="text-sm text-muted-foreground">{v('notFoundHint')}</p>
              <p className="text-sm text-muted-foreground">
                {v('number')}: <span className="font-mono">{number}</span>
              </p>
            </div>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardContent className="py-6">
          <VerifyForm defaultValue={result ? undefined : number} />
        </CardContent>
      </Card>
    </div>
  );
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
