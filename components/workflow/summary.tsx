import { getTranslations } from 'next-intl/server';
import type { Application } from '@/db/schema';
import { findKind } from '@/lib/platform/workflow';
import { cn } from '@/lib/utils';

/** The submitted data as the kind describes it (labelled sections). */
export async function ApplicationSummary({ app }: { app: Application }) {
  const t = await getTranslations();
  const kind = findKind(app.kind);
  if (!kind) return null;
  const sections = kind.summary(app.data, (key) => t(key as never));
  return (
    <div className="flex flex-col gap-5" data-testid="application-summary">
      {sections.map((s) => (
        <section key={s.title}>
          <h3 className="mb-2 border-l-4 border-primary pl-2 text-sm font-semibold">{s.title}</h3>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
            {s.fields.map((field, i) => (
              <div key={`${field.label}-${i}`} className={cn('flex flex-col', field.wide && 'sm:col-span-2')}>
                <dt className="text-xs text-muted-foreground">{field.label}</dt>
                <dd className={cn('whitespace-pre-wrap break-words', field.tone === 'success' && 'text-green-700', field.tone === 'danger' && 'font-medium text-danger')} data-tone={field.tone}>
                  {Array.isArray(field.value) ? field.value.join('、') : field.value || '—'}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
