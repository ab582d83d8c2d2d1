import { getTranslations } from 'next-intl/server';
import { UploadField } from '@/components/forms/upload-field';
import { shownSlot } from '@/components/forms/shown-slot';
import type { Application } from '@/db/schema';
import type { Db } from '@/db';
import type { Actor } from '@/lib/platform/auth/actor';
import { listSlotDocuments } from '@/lib/platform/documents/services/list-documents';
import { getKind, isApplicantOf, slotWritableStates } from '@/lib/platform/workflow';

/**
 * The kind's document slots the applicant may fill now (the slot's writable
 * states), each an upload field with its types, size limit and required
 * mark; in other states the files are listed read-only with the documents.
 */
export async function ApplicationSlots({ db, actor, app }: { db: Db; actor: Actor; app: Application }) {
  const kind = getKind(app.kind);
  if (!isApplicantOf(actor, app)) return null;
  // A form-only slot is filled in the kind's own form (which records whose file it is).
  const writable = (kind.slots ?? []).filter((s) => !s.formOnly && slotWritableStates(kind.key, s.key).includes(app.status));
  if (writable.length === 0) return null;
  const t = await getTranslations('workflow.documents');
  const tAll = await getTranslations();
  const docs = await Promise.all(writable.map((s) => listSlotDocuments(db, actor, { applicationId: app.id, slot: s.key })));
  return (
    <section aria-labelledby="app-slots-title" className="flex flex-col gap-3" data-testid="application-slots">
      <h2 id="app-slots-title" className="text-sm font-semibold">
        {t('upload')}
      </h2>
      {writable.map((slot, i) => (
        <div key={slot.key} className="flex flex-col gap-1">
          {slot.required && <span className="text-xs text-danger">{t('required')}</span>}
          <UploadField slot={shownSlot(tAll, slot)} applicationId={app.id} initialDocuments={docs[i]} />
        </div>
      ))}
    </section>
  );
}
