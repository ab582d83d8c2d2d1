import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { users, type Application } from '@/db/schema';
import { sendEmail } from '../email/send';
import { ISSUE_APPLICATION_PDF } from '../job-types';
import { enqueueJob } from '../jobs';
import { WorkflowStatusEmail, workflowStatusSubject } from '../email/templates/workflow-status';
import { notifyRole, notifyUser } from '../notify/in-app';
import { closeDeadline, setDeadline } from '../reminders';
import type { AnyKind } from './define';
import { kindLabels } from './labels';
import { applicantHref, staffHref } from './registry';

/**
 * What every transition does besides the kind's own effects, in the same
 * transaction: tells the applicant in-app, emails them when the new state
 * needs their action, tells the staff role a new to-do arrived, and keeps the
 * state's due date in the reminder engine (set when the state has one,
 * closed otherwise).
 */
export async function afterTransition(ctx: { tx: DbOrTx; kind: AnyKind; app: Application; event: string; opinion: string | null; firedByApplicant: boolean; locale: 'zh-CN' | 'en' }) {
  const { tx, kind, app } = ctx;
  const l = kindLabels(ctx.locale);
  const kindLabel = l.name(kind.key);
  const statusLabel = l.state(kind.key, app.status);
  const state = kind.states[app.status];
  const applicantLink = applicantHref(app);
  const staffLink = staffHref(app);
  const title = `${kindLabel} ${app.number}：${statusLabel}`;

  if (app.applicantUserId && !ctx.firedByApplicant) {
    await notifyUser(tx, { userId: app.applicantUserId, title, body: ctx.opinion ?? undefined, link: applicantLink, dedupeKey: `app:${app.id}:v${app.version}` });
    if (state?.waitingFor === 'applicant') {
      const [u] = await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, app.applicantUserId));
      const to = u?.email ?? app.contactEmail;
      if (to) {
        const props = { recipientName: u?.name, number: app.number, kindLabel, statusLabel, opinion: ctx.opinion, link: applicantLink };
        await sendEmail(tx, { to, subject: workflowStatusSubject(props, ctx.locale), template: WorkflowStatusEmail, props, dedupeKey: `app-mail:${app.id}:v${app.version}`, locale: ctx.locale });
      }
    }
  }
  if (typeof state?.waitingFor === 'object') {
    for (const role of state.waitingFor.staff) await notifyRole(tx, { role, module: kind.module, title, link: staffLink, dedupeKey: `app:${app.id}:v${app.version}:${role}` });
  }

  if ((kind.issueFormOn as readonly string[] | undefined)?.includes(ctx.event)) {
    await enqueueJob(tx, ISSUE_APPLICATION_PDF, { applicationId: app.id }, { dedupeKey: `issue-pdf:${app.id}:v${app.version}` });
  }

  if (app.dueAt && state?.waitingFor) {
    const target = state.waitingFor === 'applicant' ? (app.applicantUserId ? { userId: app.applicantUserId } : null) : { role: state.waitingFor.staff[0] };
    if (target) {
      await setDeadline(tx, {
        ...target,
        subjectType: 'application',
        subjectId: app.id,
        purpose: 'state',
        module: kind.module,
        title,
        link: state.waitingFor === 'applicant' ? applicantLink : staffLink,
        dueAt: app.dueAt,
      });
      return;
    }
  }
  await closeDeadline(tx, { subjectType: 'application', subjectId: app.id, purpose: 'state' });
}
