/**
 * Technical grades of an enterprise's technical staff (技术人员等级), highest
 * first. Qualification levels state their requirements in these grades
 * ("2 senior, 4 intermediate"); a person of a higher grade counts for a lower
 * one. Labels: `membership.staffGrades.<grade>`.
 */
export const STAFF_GRADES = ['senior', 'intermediate', 'junior'] as const;
export type StaffGrade = (typeof STAFF_GRADES)[number];

export const isStaffGrade = (v: unknown): v is StaffGrade => typeof v === 'string' && (STAFF_GRADES as readonly string[]).includes(v);

/** A level's requirement: at least `count` people of `grade` or higher. */
export type StaffRequirement = { grade: StaffGrade; count: number };

export type RequirementCheck = { grade: StaffGrade; required: number; have: number; met: boolean };

/**
 * Checks attached people against requirements. Each person counts once, and
 * people are assigned greedily from the highest requirement down, so that
 * "2 senior + 3 intermediate" needs five distinct people of whom two are senior.
 */
export function checkRequirements(requirements: readonly StaffRequirement[], grades: readonly StaffGrade[]): RequirementCheck[] {
  const rank = (g: StaffGrade) => STAFF_GRADES.indexOf(g);
  const pool = [...grades].sort((a, b) => rank(a) - rank(b));
  const sorted = [...requirements].sort((a, b) => rank(a.grade) - rank(b.grade));
  const used = new Array(pool.length).fill(false);
  const out = new Map<StaffGrade, RequirementCheck>();
  for (const req of sorted) {
    let have = 0;
    for (let i = 0; i < pool.length && have < req.count; i++) {
      if (used[i] || rank(pool[i]) > rank(req.grade)) continue;
      used[i] = true;
      have++;
    }
    const prev = out.get(req.grade);
    const required = (prev?.required ?? 0) + req.count;
    const total = (prev?.have ?? 0) + have;
    out.set(req.grade, { grade: req.grade, required, have: total, met: total >= required });
  }
  return STAFF_GRADES.filter((g) => out.has(g)).map((g) => out.get(g)!);
}
