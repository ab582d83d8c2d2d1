import { z } from 'zod';

/**
 * The overdue stages of a qualification's annual review (资质年审), as staff
 * configure them (site setting `qualification.overdueStages`), and the pure
 * rule that decides which of them fire now. Days are China calendar days
 * (Asia/Shanghai): a stage with offset k is due from the start of the day
 * `review_due_on + k` (negative = before the due date).
 */
export const OVERDUE_STAGES_SETTING = 'qualification.overdueStages';

export const STAGE_ACTIONS = ['remind', 'warn', 'suspend'] as const;
export type StageAction = (typeof STAGE_ACTIONS)[number];

export type OverdueStage = {
  /** Stable identifier within a cycle (a stage fires once per cycle under its key). */
  key: string;
  /** Days relative to the due date: negative before, 0 on the day, positive after. */
  offsetDays: number;
  action: StageAction;
  /** Also send an SMS to the enterprise's main account. */
  sms: boolean;
};

export const MAX_OFFSET_DAYS = 365;
export const MAX_STAGES = 12;

/** The shipped stages: reminders 30 and 7 days before and on the day, warnings 1 and 15 days after, suspension 30 days after. */
export const DEFAULT_OVERDUE_STAGES: readonly OverdueStage[] = [
  { key: 'remind-30', offsetDays: -30, action: 'remind', sms: false },
  { key: 'remind-7', offsetDays: -7, action: 'remind', sms: false },
  { key: 'due', offsetDays: 0, action: 'remind', sms: false },
  { key: 'warn-1', offsetDays: 1, action: 'warn', sms: false },
  { key: 'warn-15', offsetDays: 15, action: 'warn', sms: false },
  { key: 'suspend', offsetDays: 30, action: 'suspend', sms: false },
];

// An empty field is "missing", never 0 (the due day itself is a valid offset).
const offset = z.preprocess(
  (v) => (v === '' || v === null || v === undefined ? undefined : typeof v === 'string' ? Number(v.trim()) : v),
  z
    .number({ error: '请输入天数' })
    .int('天数须为整数')
    .min(-MAX_OFFSET_DAYS, '天数不能早于截止日前365天')
    .max(MAX_OFFSET_DAYS, '天数不能晚于截止日后365天'),
);

export const overdueStageSchema = z.object({
  key: z
    .string({ error: '请输入阶段标识' })
    .trim()
    .min(1, { error: '请输入阶段标识', abort: true })
    .max(32, '阶段标识不能超过32个字符')
    .regex(/^[a-z0-9][a-z0-9-]*$/, '阶段标识只能包含小写字母、数字和连字符'),
  offsetDays: offset,
  action: z.enum(STAGE_ACTIONS, { error: '请选择阶段动作' }),
  sms: z.boolean({ error: '请选择是否发送短信' }).default(false),
});

/**
 * The settings form: unique keys, offsets strictly increasing (the order in
 * which the stages fire), at most one suspension, and warnings and the
 * suspension only after the due date (an enterprise is warned or suspended
 * only once it is late).
 */
export const overdueStagesSchema = z
  .object({
    stages: z.array(overdueStageSchema).min(1, '至少设置一个阶段').max(MAX_STAGES, '最多设置12个阶段'),
  })
  .superRefine((d, ctx) => {
    const seen = new Set<string>();
    d.stages.forEach((s, i) => {
      if (seen.has(s.key)) ctx.addIssue({ code: 'custom', message: '阶段标识不能重复', path: ['stages', i, 'key'] });
      seen.add(s.key);
      if (i > 0 && s.offsetDays <= d.stages[i - 1].offsetDays) ctx.addIssue({ code: 'custom', message: '各阶段须按天数从小到大排列，且天数不能相同', path: ['stages', i, 'offsetDays'] });
      if (s.action !== 'remind' && s.offsetDays < 1) ctx.addIssue({ code: 'custom', message: '警告和暂停须在截止日之后（天数至少为1）', path: ['stages', i, 'offsetDays'] });
    });
    const suspensions = d.stages.map((s, i) => (s.action === 'suspend' ? i : -1)).filter((i) => i >= 0);
    for (const i of suspensions.slice(1)) ctx.addIssue({ code: 'custom', message: '最多只能设置一个暂停阶段', path: ['stages', i, 'action'] });
  });

export type OverdueStagesInput = z.input<typeof overdueStagesSchema>;

/** A stored setting as stages: malformed or missing → the shipped defaults (a bad row never stops the loop). */
export function parseOverdueStages(value: unknown): OverdueStage[] {
  const parsed = overdueStagesSchema.safeParse(Array.isArray(value) ? { stages: value } : value);
  return parsed.success ? parsed.data.stages : DEFAULT_OVERDUE_STAGES.map((s) => ({ ...s }));
}

// --- China calendar days ------------------------------------------------------

const DAY_MS = 86_400_000;
const CHINA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The China calendar day (YYYY-MM-DD) of an instant. */
export function chinaDay(d: Date): string {
  return CHINA_DAY.format(d);
}

const dayNumber = (day: string) => {
  const n = Date.parse(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(n)) throw new Error(`not a calendar day: ${day}`);
  return Math.round(n / DAY_MS);
};

/** Whole days from `from` to `to` (both YYYY-MM-DD): positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(day: string, days: number): string {
  return new Date((dayNumber(day) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** The last instant of a China calendar day (a due date as a deadline). */
export function endOfChinaDay(day: string): Date {
  return new Date(`${day}T23:59:59.999+08:00`);
}

// --- What fires ---------------------------------------------------------------

/**
 * The stages to fire now for one cycle (pure; the caller has checked that the
 * qualification is active and no annual review was submitted for the cycle).
 *
 * - Of the reminders and warnings whose day has come, only the latest can
 *   fire: if several came at once (a new installation, a qualification
 *   granted late, the loop stopped for a while) the enterprise gets the one
 *   that says how things stand now, not a burst of stale ones; the earlier
 *   ones are passed over for good.
 * - The suspension fires whenever its day has come, whatever else fired.
 * - A stage recorded for the cycle (`fired`, reversed or not) never fires
 *   again, nor does a reminder or warning older than one recorded.
 */
export function stagesToFire(input: { today: string; dueOn: string; stages: readonly OverdueStage[]; fired: ReadonlySet<string> | readonly string[] }): OverdueStage[] {
  const fired = input.fired instanceof Set ? input.fired : new Set(input.fired as readonly string[]);
  const elapsed = daysBetween(input.dueOn, input.today);
  const due = [...input.stages].sort((a, b) => a.offsetDays - b.offsetDays).filter((s) => s.offsetDays <= elapsed);
  const latest = due.filter((s) => s.action !== 'suspend').at(-1);
  // Nothing older than a stage already recorded (the suspension included) fires any more.
  const lastRecorded = Math.max(-Infinity, ...input.stages.filter((s) => fired.has(s.key)).map((s) => s.offsetDays));
  const out: OverdueStage[] = [];
  if (latest && !fired.has(latest.key) && latest.offsetDays > lastRecorded) out.push(latest);
  const suspend = due.find((s) => s.action === 'suspend');
  if (suspend && !fired.has(suspend.key)) out.push(suspend);
  return out.sort((a, b) => a.offsetDays - b.offsetDays);
}

/** Where each configured stage of a cycle stands (the staff detail page's timeline). */
export type StagePlan = OverdueStage & { day: string; state: 'fired' | 'reversed' | 'passed' | 'upcoming'; firedAt?: Date; stageId?: string };

export function planOfCycle(input: {
  today: string;
  dueOn: string;
  stages: readonly OverdueStage[];
  rows: ReadonlyArray<{ id: string; stage: string; firedAt: Date; reversedAt: Date | null }>;
}): StagePlan[] {
  const elapsed = daysBetween(input.dueOn, input.today);
  return [...input.stages]
    .sort((a, b) => a.offsetDays - b.offsetDays)
    .map((s) => {
      const row = input.rows.find((r) => r.stage === s.key);
      const state = row ? (row.reversedAt ? 'reversed' : 'fired') : s.offsetDays <= elapsed ? 'passed' : 'upcoming';
      return { ...s, day: addDays(input.dueOn, s.offsetDays), state, firedAt: row?.firedAt, stageId: row?.id };
    });
}
