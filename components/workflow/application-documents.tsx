import { getTranslations } from 'next-intl/server';
import type { Db } from '@/db';
import type { Actor } from '@/lib/platform/auth/actor';
import { applicationDocuments } from '@/lib/platform/documents/services/list-documents';

/** The application's current documents (uploads and issued PDFs); downloads go through the authorized file route. */
export async function ApplicationDocuments({ db, actor, applicationId }: { db: Db; actor: Actor; applicationId: string }) {
  const t = await getTranslations('workflow.documents');
  const rows = await applicationDocuments(db, actor, applicationId);
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="app-docs-title">
      <h2 id="app-docs-title" className="mb-2 text-sm font-semibold">
        {t('title')}
      </h2>
      <ul className="flex flex-col gap-1 text-sm" data-testid="application-documents">
        {rows.map((d) => (
          <li key={d.id} className="flex items-center gap-2">
            <a className="text-primary hover:underline" href={`/api/files/${d.id}`}>
              {d.fileName}
            </a>
            <span className="text-xs text-muted-foreground">
              {Math.max(1, Math.round(d.size / 1024))} KB{d.source === 'generated' ? ` · ${t('generated')}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
