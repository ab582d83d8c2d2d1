import { describe, expect, it } from 'vitest';
import { dateToShanghaiLocal, isDateString, shanghaiDateOf, shanghaiDayEnd, shanghaiDayStart, shanghaiLocalToDate } from '@/lib/modules/exam/time';
import { examFieldsSchema, type ExamFieldsInput } from '@/lib/modules/exam/admin/schemas';

describe('datetime-local in Beijing time', () => {
  it('reads the wall-clock time as UTC+8 whatever the process time zone', () => {
    expect(shanghaiLocalToDate('2027-03-20T09:00')!.toISOString()).toBe('2027-03-20T01:00:00.000Z');
    // Before 08:00 in Beijing it is still the previous day in UTC.
    expect(shanghaiLocalToDate('2027-01-01T07:30')!.toISOString()).toBe('2026-12-31T23:30:00.000Z');
    expect(shanghaiLocalToDate('2027-03-20T23:59:30')!.toISOString()).toBe('2027-03-20T15:59:30.000Z');
  });

  it('writes an instant back as the value a datetime-local input shows', () => {
    expect(dateToShanghaiLocal(new Date('2027-03-20T01:00:00Z'))).toBe('2027-03-20T09:00');
    expect(dateToShanghaiLocal(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01T07:30');
    // The form shows minutes: seconds are dropped, not rounded.
    expect(dateToShanghaiLocal(new Date('2027-03-20T01:00:59Z'))).toBe('2027-03-20T09:00');
  });

  it('round-trips every minute of a day across the UTC date line', () => {
    for (let m = 0; m < 24 * 60; m += 13) {
      const v = `2027-06-15T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      expect(dateToShanghaiLocal(shanghaiLocalToDate(v)!)).toBe(v);
    }
  });

  it('refuses what is not a real date and time', () => {
    for (const bad of ['2027-02-30T10:00', '2027-13-01T10:00', '2027-01-01T24:00', '2027-01-01T10:60', '2027-01-01', '2027-01-01 10:00Z', '', 'tomorrow', '1999-12-31T10:00']) {
      expect(shanghaiLocalToDate(bad), bad).toBeNull();
    }
  });
});

describe('calendar dates of the exam period', () => {
  it('knows real dates', () => {
    expect(isDateString('2028-02-29')).toBe(true);
    expect(isDateString('2027-02-29')).toBe(false);
    expect(isDateString('2027-4-1')).toBe(false);
  });

  it('a Beijing day runs from 00:00 +08:00 to the next 00:00', () => {
    expect(shanghaiDayStart('2027-05-10').toISOString()).toBe('2027-05-09T16:00:00.000Z');
    expect(shanghaiDayEnd('2027-05-10').toISOString()).toBe('2027-05-10T16:00:00.000Z');
    expect(shanghaiDateOf(new Date('2027-05-09T16:00:00Z'))).toBe('2027-05-10');
    expect(shanghaiDateOf(new Date('2027-05-09T15:59:59Z'))).toBe('2027-05-09');
    expect(() => shanghaiDayStart('2027-02-30')).toThrow(RangeError);
  });
});

describe('exam window rules', () => {
  const base: ExamFieldsInput = {
    name: '2027年度第一次认证人员注册全国统一考试',
    periodStart: '2027-05-15',
    periodEnd: '2027-05-16',
    registrationOpensAt: '2027-03-01T09:00',
    registrationClosesAt: '2027-04-15T17:00',
    refundOpensAt: '2027-03-01T09:00',
    refundClosesAt: '2027-04-30T17:00',
    areaChangeOpensAt: '',
    areaChangeClosesAt: '',
    notice: '考生须知',
    orderTtlMinutes: '30',
  };
  const errors = (over: Partial<ExamFieldsInput>) => {
    const r = examFieldsSchema.safeParse({ ...base, ...over });
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
  };

  it('accepts a consistent schedule and converts it to instants', () => {
    const r = examFieldsSchema.parse(base);
    expect(r.registrationOpensAt.toISOString()).toBe('2027-03-01T01:00:00.000Z');
    expect(r.areaChangeOpensAt).toBeNull();
    expect(r.orderTtlMinutes).toBe(30);
  });

  it('registration closing at 00:00 of the first exam day is still before it; a minute later is not', () => {
    expect(errors({ registrationClosesAt: '2027-05-15T00:00' })).toEqual({});
    expect(errors({ registrationClosesAt: '2027-05-15T00:01' }).registrationClosesAt).toBe('报名须在考试开始日期（2027-05-15）之前截止');
  });

  it('names each broken rule on its field', () => {
    expect(errors({ registrationClosesAt: '2027-03-01T09:00' }).registrationClosesAt).toBe('报名截止时间必须晚于报名开始时间');
    expect(errors({ periodEnd: '2027-05-14' }).periodEnd).toBe('考试结束日期不能早于开始日期');
    expect(errors({ refundClosesAt: '' }).refundClosesAt).toBe('请同时填写退费开始时间和截止时间');
    expect(errors({ refundOpensAt: '2027-02-28T09:00' }).refundOpensAt).toBe('退费开始时间不能早于报名开始时间');
    expect(errors({ refundClosesAt: '2027-05-15T08:00' }).refundClosesAt).toBe('退费须在考试开始日期（2027-05-15）之前截止');
    expect(errors({ refundClosesAt: '2027-02-01T09:00' }).refundClosesAt).toBe('退费截止时间必须晚于开始时间');
    expect(errors({ areaChangeOpensAt: '2027-03-05T09:00', areaChangeClosesAt: '2027-03-05T09:00' }).areaChangeClosesAt).toBe('更换考点城市截止时间必须晚于开始时间');
    expect(errors({ registrationOpensAt: '' }).registrationOpensAt).toBe('请选择报名开始时间');
    expect(errors({ registrationOpensAt: '2027-02-30T09:00' }).registrationOpensAt).toBe('请输入有效的报名开始时间');
    expect(errors({ orderTtlMinutes: '' }).orderTtlMinutes).toBe('请输入订单支付时限');
    expect(errors({ orderTtlMinutes: '2' }).orderTtlMinutes).toBe('订单支付时限不能少于5分钟');
    expect(errors({ notice: '  \n ' }).notice).toBe('请输入考生须知');
  });

  it('lets the refund window run past the registration deadline, up to the exam', () => {
    expect(errors({ refundClosesAt: '2027-05-14T23:59' })).toEqual({});
  });
});
