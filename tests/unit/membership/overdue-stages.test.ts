import { describe, expect, it } from 'vitest';
import { addDays, chinaDay, daysBetween, DEFAULT_OVERDUE_STAGES, endOfChinaDay, overdueStagesSchema, parseOverdueStages, planOfCycle, stagesToFire } from '@/lib/modules/membership/overdue/stages';

const DUE = '2026-06-30';
const at = (offset: number) => addDays(DUE, offset);
const fire = (offset: number, fired: string[] = []) => stagesToFire({ today: at(offset), dueOn: DUE, stages: DEFAULT_OVERDUE_STAGES, fired }).map((s) => s.key);

describe('overdue stages: what fires', () => {
  it('nothing before the first stage, each stage on its day', () => {
    expect(fire(-31)).toEqual([]);
    expect(fire(-30)).toEqual(['remind-30']);
    expect(fire(-7, ['remind-30'])).toEqual(['remind-7']);
    expect(fire(0, ['remind-30', 'remind-7'])).toEqual(['due']);
    expect(fire(1, ['remind-30', 'remind-7', 'due'])).toEqual(['warn-1']);
    expect(fire(15, ['remind-30', 'remind-7', 'due', 'warn-1'])).toEqual(['warn-15']);
    expect(fire(30, ['remind-30', 'remind-7', 'due', 'warn-1', 'warn-15'])).toEqual(['suspend']);
  });

  it('a stage fired once does not fire again (later ticks of the same day or later days)', () => {
    expect(fire(-30, ['remind-30'])).toEqual([]);
    expect(fire(-20, ['remind-30'])).toEqual([]);
    expect(fire(45, ['remind-30', 'remind-7', 'due', 'warn-1', 'warn-15', 'suspend'])).toEqual([]);
  });

  it('stale reminders and warnings collapse into the latest; the suspension always applies when due', () => {
    // A new installation finds a review 20 days late: one warning, not three reminders and two warnings.
    expect(fire(20)).toEqual(['warn-15']);
    expect(fire(20, ['warn-15'])).toEqual([]);
    // 10 days before, nothing sent yet: the latest reminder only.
    expect(fire(-10)).toEqual(['remind-30']);
    // 40 days late: the latest warning and the suspension, in order.
    expect(fire(40)).toEqual(['warn-15', 'suspend']);
    // The loop was down from day 2 to day 31: the warning of day 15 and the suspension.
    expect(fire(31, ['remind-30', 'remind-7', 'due', 'warn-1'])).toEqual(['warn-15', 'suspend']);
  });

  it('a reversed stage (still recorded) never fires again, nor does anything older than a recorded stage', () => {
    expect(fire(16, ['warn-15'])).toEqual([]);
    expect(fire(35, ['suspend'])).toEqual([]);
    // Recorded warn-15 and suspend: a stage added later at day 10 does not fire after them.
    const stages = [...DEFAULT_OVERDUE_STAGES, { key: 'warn-10', offsetDays: 10, action: 'warn' as const, sms: false }];
    expect(stagesToFire({ today: at(35), dueOn: DUE, stages, fired: ['warn-15', 'suspend'] })).toEqual([]);
  });

  it('follows configured stages in any order they are given, and without a suspension', () => {
    const stages = [
      { key: 'late', offsetDays: 5, action: 'warn' as const, sms: true },
      { key: 'early', offsetDays: -3, action: 'remind' as const, sms: false },
    ];
    expect(stagesToFire({ today: at(-3), dueOn: DUE, stages, fired: new Set<string>() }).map((s) => s.key)).toEqual(['early']);
    expect(stagesToFire({ today: at(100), dueOn: DUE, stages, fired: ['early'] }).map((s) => s.key)).toEqual(['late']);
    expect(stagesToFire({ today: at(100), dueOn: DUE, stages, fired: ['early', 'late'] })).toEqual([]);
  });

  it('plans a cycle: fired, reversed, passed over and upcoming stages with their days', () => {
    const firedAt = new Date('2026-07-16T01:00:00Z');
    const plan = planOfCycle({
      today: at(20),
      dueOn: DUE,
      stages: DEFAULT_OVERDUE_STAGES,
      rows: [
        { id: 'a', stage: 'warn-15', firedAt, reversedAt: null },
        { id: 'b', stage: 'remind-30', firedAt, reversedAt: firedAt },
      ],
    });
    expect(plan.map((p) => [p.key, p.day, p.state])).toEqual([
      ['remind-30', '2026-05-31', 'reversed'],
      ['remind-7', '2026-06-23', 'passed'],
      ['due', '2026-06-30', 'passed'],
      ['warn-1', '2026-07-01', 'passed'],
      ['warn-15', '2026-07-15', 'fired'],
      ['suspend', '2026-07-30', 'upcoming'],
    ]);
    expect(plan[4]).toMatchObject({ stageId: 'a', firedAt });
  });
});

describe('China calendar days', () => {
  it('takes the day in Asia/Shanghai, counts and adds days across months and years', () => {
    expect(chinaDay(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
    expect(chinaDay(new Date('2026-12-31T15:59:00Z'))).toBe('2026-12-31');
    expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2);
    expect(daysBetween('2027-01-01', '2026-12-01')).toBe(-31);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-01-05', -10)).toBe('2025-12-26');
    expect(endOfChinaDay('2026-06-30').toISOString()).toBe('2026-06-30T15:59:59.999Z');
  });
});

describe('overdue stage settings', () => {
  const ok = (stages: unknown[]) => overdueStagesSchema.safeParse({ stages });
  const messages = (stages: unknown[]) => {
    const r = ok(stages);
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
  };
  const base = () => DEFAULT_OVERDUE_STAGES.map((s) => ({ ...s, offsetDays: String(s.offsetDays) }));

  it('accepts the shipped stages (days as the form sends them) and reads them as numbers', () => {
    const r = ok(base());
    expect(r.success).toBe(true);
    expect(r.data?.stages.map((s) => s.offsetDays)).toEqual([-30, -7, 0, 1, 15, 30]);
  });

  it('refuses duplicate keys, unsorted or equal days, a second suspension, days beyond ±365, warnings before the due date', () => {
    const s = base();
    s[1].key = 'remind-30';
    expect(messages(s)).toEqual({ 'stages.1.key': '阶段标识不能重复' });

    const u = base();
    u[2].offsetDays = '-8';
    expect(messages(u)).toEqual({ 'stages.2.offsetDays': '各阶段须按天数从小到大排列，且天数不能相同' });

    const two = [...base(), { key: 'suspend-2', offsetDays: '60', action: 'suspend', sms: false }];
    expect(messages(two)).toEqual({ 'stages.6.action': '最多只能设置一个暂停阶段' });

    expect(messages([{ key: 'far', offsetDays: '-366', action: 'remind', sms: false }])).toEqual({ 'stages.0.offsetDays': '天数不能早于截止日前365天' });
    expect(messages([{ key: 'far', offsetDays: '366', action: 'remind', sms: false }])).toEqual({ 'stages.0.offsetDays': '天数不能晚于截止日后365天' });
    expect(messages([{ key: 'early-warn', offsetDays: '0', action: 'warn', sms: false }])).toEqual({ 'stages.0.offsetDays': '警告和暂停须在截止日之后（天数至少为1）' });
    expect(ok([{ key: 'edge', offsetDays: 365, action: 'suspend', sms: false }]).success).toBe(true);
  });

  it('refuses empty or malformed fields with their own messages', () => {
    expect(messages([])).toEqual({ stages: '至少设置一个阶段' });
    expect(messages([{ key: '', offsetDays: '', action: 'remind', sms: false }])).toEqual({ 'stages.0.key': '请输入阶段标识', 'stages.0.offsetDays': '请输入天数' });
    expect(messages([{ key: 'Remind 1', offsetDays: '1.5', action: 'nag', sms: false }])).toEqual({
      'stages.0.key': '阶段标识只能包含小写字母、数字和连字符',
      'stages.0.offsetDays': '天数须为整数',
      'stages.0.action': '请选择阶段动作',
    });
    expect(messages(Array.from({ length: 13 }, (_, i) => ({ key: `r${i}`, offsetDays: String(i - 20), action: 'remind', sms: false })))).toEqual({ stages: '最多设置12个阶段' });
  });

  it('a stored setting that is missing or malformed reads as the shipped stages', () => {
    expect(parseOverdueStages(undefined)).toEqual(DEFAULT_OVERDUE_STAGES);
    expect(parseOverdueStages([{ key: 'x' }])).toEqual(DEFAULT_OVERDUE_STAGES);
    expect(parseOverdueStages([{ key: 'only', offsetDays: 3, action: 'warn', sms: true }])).toEqual([{ key: 'only', offsetDays: 3, action: 'warn', sms: true }]);
  });
});
