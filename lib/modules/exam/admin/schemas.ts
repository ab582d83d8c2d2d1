import { z } from 'zod';
import { uuidSchema } from '@/lib/platform/schemas';
import { formatFen, readYuan } from '../money';
import { isDateString, shanghaiDayStart, shanghaiLocalToDate } from '../time';
import { isRegionCodeShape } from '@/lib/reference/provinces';
import { AREA_NAME_MAX, CAPACITY_MAX, NAME_MAX, NOTICE_MAX, ORDER_TTL_MAX, ORDER_TTL_MIN, SESSION_NAME_MAX, SUBJECT_NAME_MAX } from './limits';

/**
 * Inputs of the exam set-up actions (SPEC §5.11), shared by the staff forms
 * (browser) and the server. Times are datetime-local values read as Beijing
 * time; the exam period is two calendar dates; fees are yuan strings stored as
 * integer fen. Pure.
 *
 * Window rules (checked here, so the form and the server agree):
 * - every window opens strictly before it closes;
 * - the exam period ends on or after the day it starts;
 * - registration closes before the exam period starts (00:00 Beijing time of
 *   its first day);
 * - the refund window and the area-change window are optional (both ends or
 *   neither). Each may open no earlier than registration opens and must close
 *   before the exam period starts. They may run past the registration deadline
 *   (a candidate may still withdraw or move city after registration closes),
 *   never into the exam itself.
 */
export { AREA_NAME_MAX, CAPACITY_MAX, NAME_MAX, NOTICE_MAX, ORDER_TTL_MAX, ORDER_TTL_MIN, SESSION_NAME_MAX, SUBJECT_NAME_MAX } from './limits';
/** ¥100,000.00: far above any exam fee, far below the integer column's limit. */
export const MAX_FEE_FEN = 10_000_000;

export const EXAM_STATUSES = ['draft', 'published'] as const;

const requiredText = (label: string, max: number) =>
  z.string({ error: `请输入${label}` }).trim().min(1, `请输入${label}`).max(max, `${label}不能超过${max}个字`);

const requiredInstant = (label: string) =>
  z.string({ error: `请选择${label}` }).transform((v, ctx) => {
    if (v.trim() === '') {
      ctx.addIssue({ code: 'custom', message: `请选择${label}` });
      return z.NEVER;
    }
    const d = shanghaiLocalToDate(v);
    if (!d) {
      ctx.addIssue({ code: 'custom', message: `请输入有效的${label}` });
      return z.NEVER;
    }
    return d;
  });

const optionalInstant = (label: string) =>
  z
    .string()
    .default('')
    .transform((v, ctx) => {
      if (v.trim() === '') return null;
      const d = shanghaiLocalToDate(v);
      if (!d) {
        ctx.addIssue({ code: 'custom', message: `请输入有效的${label}` });
        return z.NEVER;
      }
      return d;
    });

/** A whole number typed in a form (a string) or sent as a number; an empty field is "missing", not 0. */
const wholeNumber = (label: string, min: number, max: number, minMessage: string, maxMessage: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
    z
      .number({ error: `请输入${label}` })
      .int(`${label}须为整数`)
      .min(min, minMessage)
      .max(max, maxMessage),
  );

const calendarDate = (label: string) =>
  z
    .string({ error: `请选择${label}` })
    .trim()
    .min(1, `请选择${label}`)
    .refine((v) => isDateString(v), `请输入有效的${label}`);

const examObject = z.object({
  name: requiredText('考试名称', NAME_MAX),
  periodStart: calendarDate('考试开始日期'),
  periodEnd: calendarDate('考试结束日期'),
  registrationOpensAt: requiredInstant('报名开始时间'),
  registrationClosesAt: requiredInstant('报名截止时间'),
  refundOpensAt: optionalInstant('退费开始时间'),
  refundClosesAt: optionalInstant('退费截止时间'),
  areaChangeOpensAt: optionalInstant('更换考点城市开始时间'),
  areaChangeClosesAt: optionalInstant('更换考点城市截止时间'),
  notice: z
    .string({ error: '请输入考生须知' })
    // Plain text: line endings unified, trailing blank space dropped; shown as text, never as HTML.
    .transform((v) => v.replace(/\r\n?/g, '\n').replace(/\s+$/, ''))
    .pipe(z.string().min(1, '请输入考生须知').max(NOTICE_MAX, `考生须知不能超过${NOTICE_MAX}个字`)),
  orderTtlMinutes: wholeNumber('订单支付时限', ORDER_TTL_MIN, ORDER_TTL_MAX, `订单支付时限不能少于${ORDER_TTL_MIN}分钟`, `订单支付时限不能超过${ORDER_TTL_MAX}分钟（24小时）`),
});

type ExamObject = z.output<typeof examObject>;

function checkWindows(v: ExamObject, ctx: z.RefinementCtx): void {
  const err = (path: keyof ExamObject, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  // A bad date is already reported on its field (zod runs this check after non-fatal field issues).
  if (!isDateString(v.periodStart) || !isDateString(v.periodEnd)) return;
  if (v.periodEnd < v.periodStart) err('periodEnd', '考试结束日期不能早于开始日期');
  const examStarts = shanghaiDayStart(v.periodStart);
  if (v.registrationClosesAt <= v.registrationOpensAt) err('registrationClosesAt', '报名截止时间必须晚于报名开始时间');
  else if (v.registrationClosesAt > examStarts) err('registrationClosesAt', `报名须在考试开始日期（${v.periodStart}）之前截止`);

  const optionalWindow = (opens: 'refundOpensAt' | 'areaChangeOpensAt', closes: 'refundClosesAt' | 'areaChangeClosesAt', label: string) => {
    const o = v[opens];
    const c = v[closes];
    if (!o && !c) return;
    if (!o) return err(opens, `请同时填写${label}开始时间和截止时间`);
    if (!c) return err(closes, `请同时填写${label}开始时间和截止时间`);
    if (c <= o) return err(closes, `${label}截止时间必须晚于开始时间`);
    if (o < v.registrationOpensAt) err(opens, `${label}开始时间不能早于报名开始时间`);
    if (c > examStarts) err(closes, `${label}须在考试开始日期（${v.periodStart}）之前截止`);
  };
  optionalWindow('refundOpensAt', 'refundClosesAt', '退费');
  optionalWindow('areaChangeOpensAt', 'areaChangeClosesAt', '更换考点城市');
}

export const examFieldsSchema = examObject.superRefine(checkWindows);
export type ExamFieldsInput = z.input<typeof examFieldsSchema>;
export type ExamFields = z.output<typeof examFieldsSchema>;

export const updateExamSchema = examObject.extend({ id: uuidSchema() }).superRefine(checkWindows);
export type UpdateExamInput = z.input<typeof updateExamSchema>;

export const examIdSchema = z.object({ id: uuidSchema() });
export const idSchema = examIdSchema;

// ---- sessions (场次) --------------------------------------------------------

const sessionObject = z.object({
  name: requiredText('场次名称', SESSION_NAME_MAX),
  startsAt: requiredInstant('开始时间'),
  endsAt: requiredInstant('结束时间'),
});
function checkSession(v: z.output<typeof sessionObject>, ctx: z.RefinementCtx) {
  if (v.endsAt <= v.startsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: '结束时间必须晚于开始时间' });
}
export const sessionFieldsSchema = sessionObject.superRefine(checkSession);
export type SessionFieldsInput = z.input<typeof sessionFieldsSchema>;
export const addSessionSchema = sessionObject.extend({ examId: uuidSchema() }).superRefine(checkSession);
export type AddSessionInput = z.input<typeof addSessionSchema>;
export const updateSessionSchema = sessionObject.extend({ id: uuidSchema() }).superRefine(checkSession);
export type UpdateSessionInput = z.input<typeof updateSessionSchema>;

// ---- subjects (科目) --------------------------------------------------------

const YUAN_MESSAGES = {
  empty: '请输入报名费',
  tooManyDecimals: '报名费最多保留两位小数（精确到分）',
  invalid: '请输入有效的金额，如 200 或 150.50',
  tooLarge: `报名费不能超过${formatFen(MAX_FEE_FEN)}`,
} as const;

/** A fee in yuan as typed → integer fen, with the reason in Chinese when it is not one. */
export const yuanField = z.string({ error: YUAN_MESSAGES.empty }).transform((v, ctx) => {
  const r = readYuan(v);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: YUAN_MESSAGES[r.problem] });
    return z.NEVER;
  }
  if (r.fen > MAX_FEE_FEN) {
    ctx.addIssue({ code: 'custom', message: YUAN_MESSAGES.tooLarge });
    return z.NEVER;
  }
  // An order's amount must be positive: a free subject would make an unpayable order.
  if (r.fen < 1) {
    ctx.addIssue({ code: 'custom', message: '报名费须大于 0' });
    return z.NEVER;
  }
  return r.fen;
});

const subjectObject = z.object({
  code: z
    .string({ error: '请输入科目代码' })
    .trim()
    .min(1, '请输入科目代码')
    .max(20, '科目代码不能超过20个字符')
    .regex(/^[A-Za-z0-9-]+$/, '科目代码只能包含字母、数字和短横线')
    // Codes are compared as staff read them: 'ab01' and 'AB01' are one code.
    .transform((v) => v.toUpperCase()),
  name: requiredText('科目名称', SUBJECT_NAME_MAX),
  fee: yuanField,
});
export const subjectFieldsSchema = subjectObject;
export type SubjectFieldsInput = z.input<typeof subjectFieldsSchema>;
export const addSubjectSchema = subjectObject.extend({ sessionId: uuidSchema() });
export type AddSubjectInput = z.input<typeof addSubjectSchema>;
export const updateSubjectSchema = subjectObject.extend({ id: uuidSchema() });
export type UpdateSubjectInput = z.input<typeof updateSubjectSchema>;

// ---- areas (考区) -----------------------------------------------------------

const areaObject = z.object({
  name: requiredText('考区名称', AREA_NAME_MAX),
  regionCode: z
    .string({ error: '请选择所在城市' })
    .trim()
    .min(1, '请选择所在城市')
    // The shape only (the browser never loads the region tree); the actions add that it is a city (cities.ts isAreaCityCode).
    .refine((v) => isRegionCodeShape(v), '请选择有效的城市'),
  capacity: wholeNumber('容量', 0, CAPACITY_MAX, '容量不能小于 0', `容量不能超过${CAPACITY_MAX}`),
});
export const areaFieldsSchema = areaObject;
export type AreaFieldsInput = z.input<typeof areaFieldsSchema>;
export const addAreaSchema = areaObject.extend({ examId: uuidSchema() });
export type AddAreaInput = z.input<typeof addAreaSchema>;
export const updateAreaSchema = areaObject.extend({ id: uuidSchema() });
export type UpdateAreaInput = z.input<typeof updateAreaSchema>;

// ---- registrations (staff lists) -------------------------------------------

/** Registration states (exam_registrations.status), in the order a candidate passes them. */
export const REGISTRATION_STATUSES = ['info', 'subjects', 'area', 'ordered', 'paid', 'refunded', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const isRegistrationStatus = (v: string): v is RegistrationStatus => (REGISTRATION_STATUSES as readonly string[]).includes(v);
/** Live registrations not paid yet: still filling in, or with an order waiting for payment (the list's `pay=unpaid`). */
export const UNPAID_STATUSES = ['info', 'subjects', 'area', 'ordered'] as const satisfies readonly RegistrationStatus[];
export const PAY_STATES = ['paid', 'unpaid'] as const;
export type PayState = (typeof PAY_STATES)[number];
