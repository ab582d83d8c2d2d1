import { and, eq, inArray } from 'drizzle-orm';
import { documents, organizations, type Application } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { rawCatalogs } from '@/messages/catalog';
import type { Actor } from '@/lib/platform/auth/actor';
import { AppError } from '@/lib/platform/errors';
import { organizationProfile } from '../profile';
import { checkRequirements } from '../staff-grades';
import { MATERIAL_SLOTS, STAFF_DOCUMENTS_SLOT, type MaterialSlot, type QualificationVariant } from './constants';
import { levelSnapshot, listLevels } from './levels';
import { rosterPeople } from './roster';
import type { PersonSnapshot, QualificationData } from './schemas';
import { eligibility, openQualificationApplication, qualificationOf, renewalWindowDays, targetLevels } from './status';

/**
 * Every submit of a qualification kind (submit, amend, resubmit) runs this
 * before the state moves, in the transition's transaction:
 *
 * 1. the organization row is locked, so of two submits of one enterprise (two
 *    tabs, two kinds) the second sees the first;
 * 2. the variant must apply now (status.ts `eligibility`: one open application
 *    at a time, a current qualification for all but 资质申请, the renewal window …);
 * 3. the target level must be one this variant may choose;
 * 4. every attached person is on the enterprise's current roster and has at
 *    least one document of this application's staff_documents slot;
 * 5. the people meet the level's staff requirement (refused with the counts);
 * 6. the materials the level requires are uploaded;
 * 7. the company, the level, the current qualification, the people (name,
 *    masked ID, grade, title, certificates, documents) and the materials are
 *    written into the data: the review page shows what was submitted.
 *
 * A refusal throws: nothing is written.
 */
const fail = (key: string, params?: Record<string, string | number>, fieldErrors?: Record<string, string[]>) =>
  new AppError('BAD_INPUT', { messageKey: `qualification.errors.${key}`, params, fieldErrors });

/** A material's name in Chinese (refusal messages name what is missing). */
export function materialNameZh(slot: MaterialSlot): string {
  return (rawCatalogs['zh-CN'] as unknown as { qualification: { slots: Record<string, string> } }).qualification.slots[slot] ?? slot;
}

export async function prepareQualification(
  variant: QualificationVariant,
  { tx, data, app }: { tx: DbOrTx; data: QualificationData; actor: Actor; app?: Application },
): Promise<QualificationData> {
  // The forms create a draft first: documents belong to an application.
  if (!app) throw new AppError('INVALID_STATE');
  const orgId = app.orgId;
  if (!orgId) throw new AppError('FORBIDDEN');
  await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, orgId)).for('update');

  const now = new Date();
  const current = await qualificationOf(tx, orgId, { now });
  const levels = await listLevels(tx);
  const refusal = eligibility(variant, { current, levels, open: await openQualificationApplication(tx, orgId, app.id), renewalWindowDays: await renewalWindowDays(tx), now });
  if (refusal) throw new AppError(refusal.code, { messageKey: `qualification.errors.${refusal.key}`, params: refusal.params });

  const target = targetLevels(variant, levels, current).find((l) => l.id === data.levelId);
  if (!target) throw fail('levelNotOffered', undefined, { levelId: ['qualification.errors.levelNotOfferedField'] });

  // The people, from the enterprise's own current roster.
  const roster = await rosterPeople(tx, orgId, data.staff.map((p) => p.staffId));
  const gone = data.staff.findIndex((p) => !roster.some((r) => r.id === p.staffId));
  if (gone >= 0) throw fail('staffNotOnRoster', undefined, { [`staff.${gone}.staffId`]: ['qualification.errors.staffNotOnRosterField'] });

  const allDocIds = data.staff.flatMap((p) => p.documentIds);
  if (new Set(allDocIds).size !== allDocIds.length) throw fail('documentTwice');
  const docs = allDocIds.length
    ? await tx
        .select({ id: documents.id, fileName: documents.fileName })
        .from(documents)
        .where(and(eq(documents.applicationId, app.id), eq(documents.slot, STAFF_DOCUMENTS_SLOT), eq(documents.status, 'current'), inArray(documents.id, allDocIds)))
    : [];

  const people: PersonSnapshot[] = data.staff.map((p, i) => {
    const person = roster.find((r) => r.id === p.staffId)!;
    if (p.documentIds.length === 0) throw fail('staffDocumentsMissing', { name: person.name }, { [`staff.${i}.documentIds`]: ['qualification.errors.staffDocumentsMissingField'] });
    const mine = p.documentIds.map((id) => docs.find((d) => d.id === id));
    if (mine.some((d) => !d)) throw fail('staffDocumentGone', { name: person.name }, { [`staff.${i}.documentIds`]: ['qualification.errors.staffDocumentGoneField'] });
    return { staffId: person.id, name: person.name, idMasked: person.idMasked, grade: person.grade, title: person.title, position: person.position, certificates: person.certificates, documents: mine.map((d) => ({ id: d!.id, fileName: d!.fileName })) };
  });

  const short = checkRequirements(target.requirements, people.map((p) => p.grade)).find((c) => !c.met);
  if (short) throw fail('staffShort', { level: target.name, grade: short.grade, required: short.required, have: short.have });

  const present = await tx
    .select({ slot: documents.slot, fileName: documents.fileName })
    .from(documents)
    .where(and(eq(documents.applicationId, app.id), eq(documents.status, 'current'), inArray(documents.slot, [...MATERIAL_SLOTS])));
  const missing = target.materials.filter((m) => !present.some((p) => p.slot === m));
  if (missing.length) throw fail('materialsMissing', { materials: missing.map(materialNameZh).join('、'), count: missing.length });

  const profile = await organizationProfile(tx, orgId);
  const materials: Partial<Record<MaterialSlot, string[]>> = {};
  for (const p of present) (materials[p.slot as MaterialSlot] ??= []).push(p.fileName);
  return {
    levelId: target.id,
    staff: data.staff,
    company: {
      name: profile?.name ?? app.applicantName,
      creditCode: profile?.creditCode ?? null,
      legalRepresentative: profile?.legalRepresentative ?? null,
      address: profile?.address ?? null,
      contactName: profile?.contactName ?? null,
      contactPhone: profile?.contactPhone ?? null,
      email: profile?.email ?? null,
    },
    target: levelSnapshot(target),
    current: current
      ? { levelId: current.levelId, levelName: current.levelName, rank: current.levelRank, certificateNumber: current.certificateNumber, validUntil: current.validUntil.toISOString(), reviewDueOn: current.reviewDueOn, status: current.status }
      : undefined,
    people,
    materials,
    submittedAt: now.toISOString(),
  };
}
