import type { DbOrTx } from '@/db';
import type { Application } from '@/db/schema';
import type { Actor } from '@/lib/platform/auth/actor';
import { myApplications } from '@/lib/platform/workflow';

/** One application of a change flow as its list shows it. */
export type ChangeApplicationRow = {
  id: string;
  number: string;
  kind: string;
  status: string;
  submittedAt: Date | null;
  updatedAt: Date;
  /** Where the enterprise continues: the edit page while it may edit, else the application page. */
  href: string;
  /** The application's own data (each flow picks what it lists: the certificate, the changes …). */
  data: Record<string, unknown>;
};

const EDITABLE = ['draft', 'returned'];

/** The enterprise's applications of one kind (scoped like 我的申请: the organization's, within the account's modules), newest first. */
export async function applicationsOfKind(db: DbOrTx, actor: Actor, kind: string, editPath: (app: Pick<Application, 'id'>) => string): Promise<ChangeApplicationRow[]> {
  if (actor.kind !== 'organization') return [];
  const apps = await myApplications(db, actor, { module: 'membership', limit: 200 });
  return apps
    .filter((a) => a.kind === kind)
    .map((a) => ({
      id: a.id,
      number: a.number,
      kind: a.kind,
      status: a.status,
      submittedAt: a.submittedAt,
      updatedAt: a.updatedAt,
      href: EDITABLE.includes(a.status) ? editPath(a) : `/portal/applications/${a.id}`,
      data: (a.data ?? {}) as Record<string, unknown>,
    }));
}

/** The open (draft, submitted or returned) application of a list, if any. */
export const openOf = (rows: ChangeApplicationRow[]) => rows.find((r) => ['draft', 'submitted', 'returned'].includes(r.status)) ?? null;
