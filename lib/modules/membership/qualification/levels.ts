import { asc, eq } from 'drizzle-orm';
import { qualificationLevels, type QualificationLevel } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { isUuid } from '@/lib/platform/schemas';
import { isStaffGrade, type StaffRequirement } from '../staff-grades';
import { isMaterialSlot, type MaterialSlot } from './constants';
import type { LevelSnapshot } from './schemas';

/** A qualification level as the domain reads it (requirements and materials parsed). */
export type Level = {
  id: string;
  code: string;
  name: string;
  rank: number;
  description: string;
  requirements: StaffRequirement[];
  materials: MaterialSlot[];
  validityMonths: number;
  active: boolean;
  updatedAt: Date;
};

/** The stored JSON, read defensively (a hand-edited row never breaks a page). */
export function parseRequirements(raw: unknown): StaffRequirement[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((r) => {
    const o = r as { grade?: unknown; count?: unknown };
    return isStaffGrade(o?.grade) && Number.isInteger(o.count) && (o.count as number) > 0 ? [{ grade: o.grade, count: o.count as number }] : [];
  });
}

export function parseMaterials(raw: unknown): MaterialSlot[] {
  return Array.isArray(raw) ? raw.filter(isMaterialSlot) : [];
}

export function toLevel(row: QualificationLevel): Level {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    rank: row.rank,
    description: row.description,
    requirements: parseRequirements(row.requirements),
    materials: parseMaterials(row.materials),
    validityMonths: row.validityMonths,
    active: row.active,
    updatedAt: row.updatedAt,
  };
}

export function levelSnapshot(l: Level): LevelSnapshot {
  return { id: l.id, code: l.code, name: l.name, rank: l.rank, requirements: l.requirements, materials: l.materials, validityMonths: l.validityMonths };
}

/** Every level, highest first (rank 1 = 一级); `activeOnly` for what enterprises may apply for. */
export async function listLevels(db: DbOrTx, opts: { activeOnly?: boolean } = {}): Promise<Level[]> {
  const rows = await db
    .select()
    .from(qualificationLevels)
    .where(opts.activeOnly ? eq(qualificationLevels.active, true) : undefined)
    .orderBy(asc(qualificationLevels.rank));
  return rows.map(toLevel);
}

export async function getLevel(db: DbOrTx, id: string): Promise<Level | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(qualificationLevels).where(eq(qualificationLevels.id, id));
  return row ? toLevel(row) : null;
}
