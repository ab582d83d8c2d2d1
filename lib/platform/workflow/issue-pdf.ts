import { eq } from 'drizzle-orm';
import { applications } from '@/db/schema';
import { ISSUE_APPLICATION_PDF } from '../job-types';
import { defineJob } from '../jobs';
import { pdfIssuer, renderPdf } from '../pdf/registry';
import { ISSUED_FORM_SLOT } from '../pdf/verify';
import { storeGeneratedPdf } from '../pdf/store';
import { getStorage } from '../storage';
import { kindLabels } from './labels';
import { getKind } from './registry';

/** The slot that holds the application form as it stood when it was decided (what /verify accepts an application number for). */
export { ISSUED_FORM_SLOT };

/**
 * Stores the application form PDF with the application after a decision
 * (kinds name the events in `issueFormOn`). Runs after commit from the outbox;
 * the object key comes from the outbox id, so a retry stores nothing twice.
 */
export const issueApplicationPdf = defineJob(ISSUE_APPLICATION_PDF, async (db, { applicationId }, ctx) => {
  const [app] = await db.select().from(applications).where(eq(applications.id, applicationId));
  if (!app) return;
  const kind = getKind(app.kind);
  const l = kindLabels('zh-CN');
  const title = l.name(kind.key);
  const storage = ctx.storage ?? (await getStorage());
  const pdf = kind.formPdf
    ? await kind.formPdf({ db, app, locale: 'zh-CN', storage: async () => storage })
    : await renderPdf('application-form', { number: app.number, title, sections: kind.summary(app.data, (key) => l.t(key as never)), date: app.updatedAt, instructions: false }, { issuer: await pdfIssuer(db) });
  await storeGeneratedPdf(db, storage, { applicationId: app.id, slot: ISSUED_FORM_SLOT, fileName: `${title}-${app.number}.pdf`, buffer: pdf, key: `generated/${app.id}/issued-${ctx.outboxId}.pdf` });
});
