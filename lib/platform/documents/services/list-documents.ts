import { and, asc, desc, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import { applications, documents, type DocumentRow } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { defineAction } from '../../auth/action-core';
import type { Actor } from '../../auth/actor';
import { readableBy, requireApplicant, resolveWriteTarget, targetWhere } from '../access';
import { slotTargetSchema, type DocumentSummary, type SlotTargetInput } from '../schemas';

export function toSummary(d: DocumentRow): DocumentSummary {
  return {
    id: d.id,
    slot: d.slot,
    fileName: d.fileName,
    contentType: d.contentType,
    size: d.size,
    version: d.version,
    status: d.status,
    source: d.source,
    createdAt: d.createdAt.toISOString(),
    href: `/api/files/${d.id}`,
  };
}

/** The files of one slot the actor writes to (current and earlier versions, newest first), for the upload field. */
export async function listSlotDocuments(db: DbOrTx, actor: Actor, input: SlotTargetInput): Promise<DocumentSummary[]> {
  const target = await resolveWriteTarget(db, actor, input);
  const rows = await db
    .select()
    .from(documents)
    .where(and(targetWhere(target, target.slot.key), ne(documents.status, 'deleted')))
    .orderBy(desc(documents.version));
  return rows.map(toSummary);
}

export const listSlotDocumentsDef = defineAction({
  // Whoever may write the slot (applicants; staff in a slot their role may write).
  access: { kind: 'signedIn' },
  schema: slotTargetSchema,
  handler: ({ db, actor, input }) => listSlotDocuments(db, actor, input),
});

export type MyDocument = DocumentSummary & { application: { id: string; number: string; kind: string; module: string } | null };

/**
 * 我的文件: the applicant's current files — personal ones and those of the
 * applications they (or, for an organization, the modules they may use) apply with.
 */
export async function listMyDocuments(db: DbOrTx, actorIn: Actor): Promise<MyDocument[]> {
  const actor = requireApplicant(actorIn);
  const mine =
    actor.kind === 'organization'
      ? actor.isMain
        ? eq(applications.orgId, actor.orgId)
        : actor.modules.length
          ? and(eq(applications.orgId, actor.orgId), inArray(applications.module, actor.modules))
          : undefined
      : eq(applications.applicantUserId, actor.id);
  const rows = await db
    .select({ doc: documents, app: { id: applications.id, number: applications.number, kind: applications.kind, module: applications.module } })
    .from(documents)
    .leftJoin(applications, eq(applications.id, documents.applicationId))
    .where(
      and(
        eq(documents.status, 'current'),
        or(and(isNull(documents.applicationId), eq(documents.ownerUserId, actor.id)), mine),
        // Never more than the read rule allows.
        readableBy(actor)!,
      ),
    )
    .orderBy(asc(applications.number), desc(documents.createdAt));
  return rows.map((r) => ({ ...toSummary(r.doc), application: r.app?.id ? r.app : null }));
}

/**
 * An application's current documents (uploads and issued PDFs) that `actor`
 * may read — the same scope as downloads — oldest first.
 */
export async function applicationDocuments(db: DbOrTx, actor: Actor, applicationId: string) {
  const scope = readableBy(actor);
  if (!scope) return [];
  return db
    .select({ id: documents.id, slot: documents.slot, fileName: documents.fileName, size: documents.size, source: documents.source, createdAt: documents.createdAt })
    .from(documents)
    .leftJoin(applications, eq(applications.id, documents.applicationId))
    .where(and(eq(documents.applicationId, applicationId), eq(documents.status, 'current'), scope))
    .orderBy(asc(documents.createdAt));
}
