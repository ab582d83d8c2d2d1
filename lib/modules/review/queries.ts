import { and, asc, count, desc, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import {
  applications,
  documents,
  reviewConclusions,
  reviewEvaluations,
  reviewEvaluationScores,
  reviewInvitations,
  reviewLetters,
  reviewNotices,
  reviewRectifications,
  reviewRounds,
  reviewTeamMembers,
  users,
  type Application,
} from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { Actor } from '@/lib/platform/auth/actor';
import { readableBy } from '@/lib/platform/documents/access';
import { AppError } from '@/lib/platform/errors';
import { applicantScope, flowRecord, getApplicationFor, staffScope, type FlowRecordEntry } from '@/lib/platform/workflow';
import { REVIEW_PROJECT, listStatusOf, stageOf, type Stage } from './constants';
import type { ReviewProjectData } from './schemas';

/**
 * Read models of module E for pages: the projects list (评审项目管理, the
 * unit's own or the staff's), one project with every round, and the lists
 * built on them. Object access is the engine's scope (a unit sees its own
 * projects in module E only; staff see the kind once it left the draft).
 */

export type ProjectFilter = {
  q?: string;
  /** 状态 as listed: saved | submitted | returned | finished | failed | rejected | withdrawn. */
  status?: string;
  stage?: string;
  reviewType?: string;
  province?: string;
  /** Staff: projects assigned to these users (the leader and whoever they stand in for). */
  assignees?: string[];
  page?: number;
  pageSize?: number;
};

export type ProjectRow = {
  id: string;
  number: string;
  status: string;
  listStatus: ReturnType<typeof listStatusOf>;
  stage: Stage;
  round: number;
  unitName: string;
  province: string;
  creditCode: string;
  contactName: string;
  contactMobile: string;
  reviewType: string;
  dueAt: Date | null;
  updatedAt: Date;
  assigneeId: string | null;
};

const roundNumber = sql<number>`coalesce((select max(${reviewRounds.number}) from ${reviewRounds} where ${reviewRounds.applicationId} = ${applications.id}), 0)`;
const field = (k: keyof ReviewProjectData) => sql<string>`coalesce(${applications.data} ->> ${k}, '')`;

/** The states of a list status (状态 filter). */
const LIST_STATUSES: Record<string, string[] | null> = {
  saved: ['draft'],
  returned: ['returned'],
  finished: ['finished'],
  failed: ['failed'],
  rejected: ['rejected'],
  withdrawn: ['withdrawn'],
  submitted: null,
};
const CLOSED = ['draft', 'returned', 'finished', 'failed', 'rejected', 'withdrawn'];

/** The states (and round condition) of a stage (阶段 filter). */
function stageWhere(stage: string): SQL | undefined {
  const states: Record<string, string[]> = {
    apply: ['draft', 'returned'],
    prereview: ['prereview'],
    invite: ['inviting', 'invitationSent'],
    reinvite: ['inviting', 'invitationSent'],
    letter: ['letter', 'letterSubmitted'],
    notice: ['noticeIssued'],
    onSite: ['onSite'],
    rectify: ['rectifying', 'rectificationSubmitted'],
    evaluate: ['evaluating'],
    done: ['finished', 'failed', 'rejected', 'withdrawn'],
  };
  const list = states[stage];
  if (!list) return undefined;
  const base = inArray(applications.status, list);
  if (stage === 'invite') return and(base, sql`${roundNumber} <= 1`);
  if (stage === 'reinvite') return and(base, sql`${roundNumber} > 1`);
  return base;
}

function listWhere(scope: SQL, f: ProjectFilter): SQL {
  const parts: (SQL | undefined)[] = [scope, eq(applications.kind, REVIEW_PROJECT)];
  const q = f.q?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(or(ilike(applications.number, like), ilike(applications.applicantName, like), ilike(field('creditCode'), like)));
  }
  if (f.status && f.status in LIST_STATUSES) {
    const states = LIST_STATUSES[f.status];
    parts.push(states ? inArray(applications.status, states) : sql`${applications.status} not in (${sql.join(CLOSED.map((c) => sql`${c}`), sql`, `)})`);
  }
  if (f.stage) parts.push(stageWhere(f.stage) ?? sql`false`);
  if (f.reviewType) parts.push(eq(field('reviewType'), f.reviewType));
  if (f.province) parts.push(eq(field('province'), f.province));
  if (f.assignees) parts.push(f.assignees.length ? inArray(applications.assigneeId, f.assignees) : sql`false`);
  return and(...parts)!;
}

function toRow(app: Application, round: number): ProjectRow {
  const d = (app.data ?? {}) as Partial<ReviewProjectData>;
  return {
    id: app.id,
    number: app.number,
    status: app.status,
    listStatus: listStatusOf(app.status),
    stage: stageOf(app.status, Number(round)),
    round: Number(round),
    unitName: d.unitName || app.applicantName,
    province: d.province ?? '',
    creditCode: d.creditCode ?? '',
    contactName: d.contactName ?? '',
    contactMobile: d.contactMobile ?? '',
    reviewType: d.reviewType ?? '',
    dueAt: app.dueAt,
    updatedAt: app.updatedAt,
    assigneeId: app.assigneeId,
  };
}

/** The actor's view of projects: a unit's own (module E), or the staff's (out of draft). */
function scopeOf(actor: Actor): SQL {
  return (actor.kind === 'staff' ? staffScope(actor) : applicantScope(actor)) ?? sql`false`;
}

/** A page of the projects list (newest activity first) with the total for the pager. */
export async function projectList(db: DbOrTx, actor: Actor, f: ProjectFilter = {}): Promise<{ rows: ProjectRow[]; total: number; page: number; pageSize: number }> {
  const pageSize = Math.min(Math.max(f.pageSize ?? 20, 1), 200);
  const page = Math.max(f.page ?? 1, 1);
  const where = listWhere(scopeOf(actor), f);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({ app: applications, round: roundNumber })
      .from(applications)
      .where(where)
      .orderBy(desc(applications.updatedAt), desc(applications.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(applications).where(where),
  ]);
  return { rows: rows.map((r) => toRow(r.app, r.round)), total: Number(n), page, pageSize };
}

/** Every project matching the filter (staff export), bounded. */
export async function projectExport(db: DbOrTx, actor: Actor, f: ProjectFilter = {}, max = 10_000): Promise<ProjectRow[]> {
  const rows = await db
    .select({ app: applications, round: roundNumber })
    .from(applications)
    .where(listWhere(scopeOf(actor), f))
    .orderBy(desc(applications.updatedAt), desc(applications.id))
    .limit(max);
  return rows.map((r) => toRow(r.app, r.round));
}

// ---- One project ------------------------------------------------------------------

export type ProjectFile = { id: string; slot: string; fileName: string; size: number; status: string; source: string; version: number; createdAt: Date; round: number };

export type RoundView = {
  id: string;
  number: number;
  createdAt: Date;
  invitations: Array<{ id: string; expectedDate: string; note: string | null; status: string; createdAt: Date; decidedAt: Date | null; opinion: string | null }>;
  letter: { documentId: string; submittedAt: Date } | null;
  notice: {
    id: string;
    startDate: string;
    endDate: string;
    location: string | null;
    note: string | null;
    leaderId: string;
    issuedAt: Date;
    confirmedAt: Date | null;
    team: Array<{ userId: string; name: string; role: string }>;
  } | null;
  conclusion: { outcome: string; remarks: string; createdAt: Date; actedBy: string | null; leaderId: string | null } | null;
  rectifications: Array<{ id: string; note: string | null; status: string; submittedAt: Date; decidedAt: Date | null; opinion: string | null }>;
  evaluation: { comment: string | null; createdAt: Date; scores: Array<{ criterion: string; label: string; score: number }> } | null;
};

export type ProjectView = {
  app: Application;
  data: ReviewProjectData;
  stage: Stage;
  rounds: RoundView[];
  current: RoundView | null;
  files: ProjectFile[];
  flow: FlowRecordEntry[];
};

/** One project as `actor` may see it (NOT_FOUND otherwise), with every round and its files. */
export async function projectView(db: DbOrTx, actor: Actor, id: string): Promise<ProjectView> {
  const app = await getApplicationFor(db, actor, id);
  if (app.kind !== REVIEW_PROJECT) throw new AppError('NOT_FOUND');
  const rounds = await db.select().from(reviewRounds).where(eq(reviewRounds.applicationId, app.id)).orderBy(asc(reviewRounds.number));
  const roundIds = rounds.map((r) => r.id);
  const any = roundIds.length ? roundIds : ['00000000-0000-0000-0000-000000000000'];
  const readable = readableBy(actor);
  const [invitations, letters, notices, team, conclusions, rectifications, evaluations, scores, docs, flow] = await Promise.all([
    db.select().from(reviewInvitations).where(inArray(reviewInvitations.roundId, any)).orderBy(asc(reviewInvitations.createdAt)),
    db.select().from(reviewLetters).where(inArray(reviewLetters.roundId, any)),
    db.select().from(reviewNotices).where(inArray(reviewNotices.roundId, any)),
    db
      .select({ noticeId: reviewTeamMembers.noticeId, userId: reviewTeamMembers.userId, name: reviewTeamMembers.name, role: reviewTeamMembers.role })
      .from(reviewTeamMembers)
      .innerJoin(reviewNotices, eq(reviewNotices.id, reviewTeamMembers.noticeId))
      .where(inArray(reviewNotices.roundId, any))
      .orderBy(desc(reviewTeamMembers.role), asc(reviewTeamMembers.name)),
    db.select().from(reviewConclusions).where(inArray(reviewConclusions.roundId, any)),
    db.select().from(reviewRectifications).where(inArray(reviewRectifications.roundId, any)).orderBy(asc(reviewRectifications.submittedAt)),
    db.select().from(reviewEvaluations).where(inArray(reviewEvaluations.roundId, any)),
    db
      .select({ evaluationId: reviewEvaluationScores.evaluationId, criterion: reviewEvaluationScores.criterion, label: reviewEvaluationScores.label, score: reviewEvaluationScores.score })
      .from(reviewEvaluationScores)
      .innerJoin(reviewEvaluations, eq(reviewEvaluations.id, reviewEvaluationScores.evaluationId))
      .where(inArray(reviewEvaluations.roundId, any)),
    readable
      ? db
          .select({ doc: documents })
          .from(documents)
          .leftJoin(applications, eq(applications.id, documents.applicationId))
          .where(and(eq(documents.applicationId, app.id), ne(documents.status, 'deleted'), readable))
          .orderBy(asc(documents.createdAt))
      : Promise.resolve([]),
    flowRecord(db, app, actor),
  ]);
  const roundAt = (at: Date) => {
    let n = 0;
    for (const r of rounds) if (r.createdAt.getTime() <= at.getTime()) n = r.number;
    return n;
  };
  const views: RoundView[] = rounds.map((r) => {
    const notice = notices.find((n) => n.roundId === r.id);
    const evaluation = evaluations.find((e) => e.roundId === r.id);
    const conclusion = conclusions.find((c) => c.roundId === r.id);
    const letter = letters.find((l) => l.roundId === r.id);
    return {
      id: r.id,
      number: r.number,
      createdAt: r.createdAt,
      invitations: invitations.filter((i) => i.roundId === r.id).map((i) => ({ id: i.id, expectedDate: i.expectedDate, note: i.note, status: i.status, createdAt: i.createdAt, decidedAt: i.decidedAt, opinion: i.opinion })),
      letter: letter ? { documentId: letter.documentId, submittedAt: letter.submittedAt } : null,
      notice: notice
        ? {
            id: notice.id,
            startDate: notice.startDate,
            endDate: notice.endDate,
            location: notice.location,
            note: notice.note,
            leaderId: notice.leaderId,
            issuedAt: notice.issuedAt,
            confirmedAt: notice.confirmedAt,
            team: team.filter((m) => m.noticeId === notice.id).map((m) => ({ userId: m.userId, name: m.name, role: m.role })),
          }
        : null,
      conclusion: conclusion ? { outcome: conclusion.outcome, remarks: conclusion.remarks, createdAt: conclusion.createdAt, actedBy: conclusion.actedBy, leaderId: conclusion.leaderId } : null,
      rectifications: rectifications.filter((x) => x.roundId === r.id).map((x) => ({ id: x.id, note: x.note, status: x.status, submittedAt: x.submittedAt, decidedAt: x.decidedAt, opinion: x.opinion })),
      evaluation: evaluation ? { comment: evaluation.comment, createdAt: evaluation.createdAt, scores: scores.filter((sc) => sc.evaluationId === evaluation.id).map((sc) => ({ criterion: sc.criterion, label: sc.label, score: sc.score })) } : null,
    };
  });
  const round = views.length ? views[views.length - 1].number : 0;
  return {
    app,
    data: app.data as ReviewProjectData,
    stage: stageOf(app.status, round),
    rounds: views,
    current: views[views.length - 1] ?? null,
    files: docs.map(({ doc }) => ({ id: doc.id, slot: doc.slot, fileName: doc.fileName, size: doc.size, status: doc.status, source: doc.source, version: doc.version, createdAt: doc.createdAt, round: roundAt(doc.createdAt) })),
    flow,
  };
}

/** The display name of a staff member (who acted, who leads). */
export async function staffNames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter(Boolean))];
  if (!unique.length) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ---- 动态信息管理 · 临时性文件 ----------------------------------------------------

/** The stage a file of a slot belongs to. */
const SLOT_STAGE: Record<string, Stage> = {
  quality_manual: 'apply',
  procedure_list: 'apply',
  acceptance_decision: 'apply',
  application_form: 'apply',
  other: 'apply',
  business_license: 'apply',
  letter_scan: 'letter',
  onsite_materials: 'onSite',
  rectification: 'rectify',
};

export type UnitFile = {
  key: string;
  source: 'upload' | 'generated';
  projectId: string;
  projectNumber: string;
  /** The slot, or 'negotiation_letter' / 'review_notice' for the generated letters. */
  slot: string;
  stage: Stage;
  round: number;
  fileName: string;
  size: number | null;
  createdAt: Date;
  href: string;
  /** An earlier version or a previous round's file (kept for the record). */
  superseded: boolean;
};

/**
 * 临时性文件 (seed 004 §6.2): every file uploaded or generated in the unit's
 * review projects — materials, stamped letters, on-site materials,
 * rectification, the negotiation letters and review notices — with its
 * project and stage, newest first. Scoped like the projects (the unit's own,
 * module E only) and, for uploads, by the documents' read rule.
 */
export async function unitFiles(db: DbOrTx, actor: Actor, f: { projectId?: string } = {}): Promise<UnitFile[]> {
  const scope = applicantScope(actor);
  const readable = readableBy(actor);
  if (!scope || !readable) return [];
  const projects = and(scope, eq(applications.kind, REVIEW_PROJECT), f.projectId ? eq(applications.id, f.projectId) : undefined);
  const [docs, rounds, invitations, notices] = await Promise.all([
    db
      .select({ doc: documents, number: applications.number })
      .from(documents)
      .innerJoin(applications, eq(applications.id, documents.applicationId))
      .where(and(projects, ne(documents.status, 'deleted'), readable))
      .orderBy(desc(documents.createdAt))
      .limit(1000),
    db.select({ id: reviewRounds.id, applicationId: reviewRounds.applicationId, number: reviewRounds.number, createdAt: reviewRounds.createdAt, projectNumber: applications.number }).from(reviewRounds).innerJoin(applications, eq(applications.id, reviewRounds.applicationId)).where(projects),
    db
      .select({ roundId: reviewInvitations.roundId, decidedAt: reviewInvitations.decidedAt })
      .from(reviewInvitations)
      .innerJoin(applications, eq(applications.id, reviewInvitations.applicationId))
      .where(and(projects, eq(reviewInvitations.status, 'approved'))),
    db.select({ roundId: reviewNotices.roundId, issuedAt: reviewNotices.issuedAt }).from(reviewNotices).innerJoin(applications, eq(applications.id, reviewNotices.applicationId)).where(projects),
  ]);
  const roundOfDoc = (appId: string, at: Date) => {
    let n = 0;
    for (const r of rounds) if (r.applicationId === appId && r.createdAt.getTime() <= at.getTime() && r.number > n) n = r.number;
    return n;
  };
  const uploads: UnitFile[] = docs.map(({ doc, number }) => ({
    key: doc.id,
    source: doc.source === 'generated' ? 'generated' : 'upload',
    projectId: doc.applicationId!,
    projectNumber: number,
    slot: doc.slot,
    stage: SLOT_STAGE[doc.slot] ?? 'apply',
    round: roundOfDoc(doc.applicationId!, doc.createdAt),
    fileName: doc.fileName,
    size: doc.size,
    createdAt: doc.createdAt,
    href: `/api/files/${doc.id}`,
    superseded: doc.status !== 'current',
  }));
  const generated: UnitFile[] = [];
  for (const r of rounds) {
    const inv = invitations.find((i) => i.roundId === r.id);
    if (inv) generated.push({ key: `letter-${r.id}`, source: 'generated', projectId: r.applicationId, projectNumber: r.projectNumber, slot: 'negotiation_letter', stage: 'letter', round: r.number, fileName: `${r.projectNumber}${r.number > 1 ? `-${r.number}` : ''}.pdf`, size: null, createdAt: inv.decidedAt ?? r.createdAt, href: `/api/review/projects/${r.applicationId}/letter?round=${r.number}`, superseded: false });
    const n = notices.find((x) => x.roundId === r.id);
    if (n) generated.push({ key: `notice-${r.id}`, source: 'generated', projectId: r.applicationId, projectNumber: r.projectNumber, slot: 'review_notice', stage: 'notice', round: r.number, fileName: `${r.projectNumber}${r.number > 1 ? `-${r.number}` : ''}.pdf`, size: null, createdAt: n.issuedAt, href: `/api/review/projects/${r.applicationId}/notice?round=${r.number}`, superseded: false });
  }
  return [...uploads, ...generated].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

/** The unit's projects (number and id) for pickers (the home diagram, 临时性文件's filter). */
export async function unitProjectOptions(db: DbOrTx, actor: Actor): Promise<Array<{ id: string; number: string; status: string; stage: Stage; updatedAt: Date }>> {
  const scope = applicantScope(actor);
  if (!scope) return [];
  const rows = await db
    .select({ app: applications, round: roundNumber })
    .from(applications)
    .where(and(scope, eq(applications.kind, REVIEW_PROJECT)))
    .orderBy(desc(applications.updatedAt))
    .limit(200);
  return rows.map((r) => ({ id: r.app.id, number: r.app.number, status: r.app.status, stage: stageOf(r.app.status, Number(r.round)), updatedAt: r.app.updatedAt }));
}

/** The unit's states waiting for it (its to-do); the others are 已办 from the unit's side. */
const UNIT_WAITING = ['draft', 'returned', 'inviting', 'letter', 'noticeIssued', 'rectifying', 'evaluating'];

/**
 * 已办任务 (seed 004 §3.2): the unit's projects whose current step is not the
 * unit's — it did its part (any of its accounts), newest first.
 */
export async function unitDoneProjects(db: DbOrTx, actor: Actor, limit = 100): Promise<Application[]> {
  const scope = applicantScope(actor);
  if (!scope) return [];
  return db
    .select()
    .from(applications)
    .where(and(scope, eq(applications.kind, REVIEW_PROJECT), sql`${applications.status} not in (${sql.join(UNIT_WAITING.map((s) => sql`${s}`), sql`, `)})`))
    .orderBy(desc(applications.updatedAt))
    .limit(limit);
}
