import { getTranslations } from 'next-intl/server';
import type { Application } from '@/db/schema';
import type { SummaryField, SummarySection } from '@/lib/platform/workflow';
import { findKind } from '@/lib/platform/workflow';
import { cn } from '@/lib/utils';

const text = (v: SummaryField['value']) => (Array.isArray(v) ? v.join('、') : v || '—');

/** A section holding proposed changes: one row per field, the value before and after side by side. */
function ComparisonTable({ section, labels }: { section: SummarySection; labels: { field: string; before: string; after: string } }) {
  return (
    <table className="w-full border-collapse text-sm" data-testid="summary-comparison">
      <thead>
        <tr className="border-b border-border text-left text-xs text-muted-foreground">
          <th scope="col" className="w-1/5 py-1.5 pr-3 font-medium">
            {labels.field}
          </th>
          <th scope="col" className="w-2/5 py-1.5 pr-3 font-medium">
            {labels.before}
          </th>
          <th scope="col" className="w-2/5 py-1.5 font-medium">
            {labels.after}
          </th>
        </tr>
      </thead>
      <tbody>
        {section.fields.map((field, i) => (
          <tr key={`${field.label}-${i}`} className="border-b border-slate-100 align-top" data-field={field.label}>
            <th scope="row" className="py-1.5 pr-3 text-left text-xs font-normal text-muted-foreground">
              {field.label}
            </th>
            {field.change ? (
              <>
                <td className="whitespace-pre-wrap break-words py-1.5 pr-3 text-muted-foreground line-through decoration-slate-300" data-testid="change-before">
                  {text(field.change.before)}
                </td>
                <td className="whitespace-pre-wrap break-words py-1.5 font-medium text-slate-900" data-testid="change-after">
                  {text(field.value)}
                </td>
              </>
            ) : (
              <td colSpan={2} className="whitespace-pre-wrap break-words py-1.5">
                {text(field.value)}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The submitted data as the kind describes it (labelled sections; proposed changes side by side). */
export async function ApplicationSummary({ app }: { app: Application }) {
  const t = await getTranslations();
  const kind = findKind(app.kind);
  if (!kind) return null;
  const sections = kind.summary(app.data, (key) => t(key as never));
  const labels = { field: t('workflow.summary.field'), before: t('workflow.summary.before'), after: t('workflow.summary.after') };
  return (
    <div className="flex flex-col gap-5" data-testid="application-summary">
      {sections.map((s) => (
        <section key={s.title}>
          <h3 className="mb-2 border-l-4 border-primary pl-2 text-sm font-semibold">{s.title}</h3>
          {s.fields.some((f) => f.change) ? (
            <ComparisonTable section={s} labels={labels} />
          ) : (
            <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
              {s.fields.map((field, i) => (
                <div key={`${field.label}-${i}`} className={cn('flex flex-col', field.wide && 'sm:col-span-2')}>
                  <dt className="text-xs text-muted-foreground">{field.label}</dt>
                  <dd className={cn('whitespace-pre-wrap break-words', field.tone === 'success' && 'text-green-700', field.tone === 'danger' && 'font-medium text-danger')} data-tone={field.tone}>
                    {text(field.value)}
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </section>
      ))}
    </div>
  );
}
