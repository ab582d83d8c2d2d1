import * as React from 'react';
import Link from 'next/link';
import { BadgeCheck, CircleAlert, SearchX } from 'lucide-react';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db';
import { clientIp } from '@/lib/platform/auth/server';
import { verifyLookup } from '@/lib/platform/verify';
import type { VerifiedDocument } from '@/lib/platform/pdf/verify';
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
  const lookup = await verifyLookup(await getDb(), number, await clientIp());
  const v = await getTranslations('pdf.verify');
  if ('retryAfterSec' in lookup) {
    return (
      <div className="mx-auto flex w-full max-w-2xl flex-col gap-4">
        <h1 className="text-xl font-semibold">{v('title')}</h1>
        <Card>
          <CardContent className="py-6">
            <p className="font-medium text-danger" role="status" data-testid="verify-limited">
              {v('tooMany', { minutes: Math.max(1, Math.ceil(lookup.retryAfterSec / 60)) })}
            </p>
          </CardContent>
        </Card>
      </div>
    );
  }
  const { found } = lookup;

  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-4">
      <h1 className="text-xl font-semibold">{v('title')}</h1>
      <Card>
        <CardContent className="flex flex-col gap-4 py-6">
          {found.length > 0 ? (
            <>
              <p className="flex items-center gap-2 font-medium text-success" role="status">
                <BadgeCheck className="size-5 shrink-0" aria-hidden />
                {v('found')}
              </p>
              {found.length > 1 && <p className="text-sm text-muted-foreground">{v('several', { count: found.length })}</p>}
              {found.map((doc, i) => (
                <VerifiedDetails key={i} doc={doc} />
              ))}
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
          <VerifyForm defaultValue={found.length ? undefined : number} />
        </CardContent>
      </Card>
    </div>
  );
}

/** One found document: an application (kind and workflow state) or a record its verifier described (receipt, ticket). */
async function VerifiedDetails({ doc }: { doc: VerifiedDocument }) {
  const t = await getTranslations();
  const v = await getTranslations('pdf.verify');
  const f = await getFormatter();
  const label = (key: string) => (t.has(key as never) ? t(key as never) : key);
  if (doc.type === 'application') {
    return (
      <dl className="grid grid-cols-[7rem_1fr] gap-x-4 gap-y-2 text-sm" data-testid="verify-result">
        <dt className="text-muted-foreground">{v('number')}</dt>
        <dd className="font-mono">{doc.number}</dd>
        <dt className="text-muted-foreground">{v('kind')}</dt>
        <dd>{kindName(t, doc.kind)}</dd>
        <dt className="text-muted-foreground">{v('status')}</dt>
        <dd>{stateLabel(t, doc.kind, doc.status)}</dd>
        <dt className="text-muted-foreground">{v('applicant')}</dt>
        <dd>{doc.applicantMasked}</dd>
      </dl>
    );
  }
  return (
    <div className="flex flex-col gap-2" data-testid="verify-result">
      {!doc.valid && (
        <p className="flex items-center gap-2 text-sm font-medium text-danger">
          <CircleAlert className="size-4 shrink-0" aria-hidden />
          {doc.invalidKey ? label(doc.invalidKey) : v('invalidNote')}
        </p>
      )}
      <dl className="grid grid-cols-[7rem_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-muted-foreground">{v('number')}</dt>
        <dd className="font-mono">{doc.number}</dd>
        <dt className="text-muted-foreground">{v('documentType')}</dt>
        <dd>{label(doc.typeKey)}</dd>
        <dt className="text-muted-foreground">{v('status')}</dt>
        <dd className={doc.valid ? undefined : 'font-medium text-danger'}>{label(doc.statusKey)}</dd>
        <dt className="text-muted-foreground">{v('holder')}</dt>
        <dd>{doc.holderMasked}</dd>
        {doc.facts.map((fact) => (
          <Fact
            key={fact.labelKey}
            label={label(fact.labelKey)}
            value={typeof fact.value !== 'string' ? f.dateTime(fact.value, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }) : fact.valueKey ? label(fact.value) : fact.value}
          />
        ))}
        {doc.links?.map((link) => (
          <React.Fragment key={link.labelKey}>
            <dt className="text-muted-foreground">{label(link.labelKey)}</dt>
            <dd>
              <Link href={`/verify/${encodeURIComponent(link.number)}`} className="font-mono text-primary hover:underline" data-testid="verify-link">
                {link.number}
              </Link>
            </dd>
          </React.Fragment>
        ))}
      </dl>
    </div>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
