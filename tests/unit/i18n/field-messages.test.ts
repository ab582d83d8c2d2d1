import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import dictionary from '@/messages/en/field-messages.json';
import { localizeErrorTree, localizeFieldMessage } from '@/i18n/field-messages';
import { examFieldsSchema, sessionFieldsSchema, subjectFieldsSchema } from '@/lib/modules/exam/admin/schemas';
import { chooseAreaSchema, registrationInfoSchema } from '@/lib/modules/exam/registration/schemas';
import { preApplicationFormSchema } from '@/lib/modules/accreditation/pre-application/schemas';
import { individualRegistrationSchema } from '@/lib/modules/account/schemas';
import { organizationRegistrationSchema } from '@/lib/modules/account/organization-schemas';
import { noticeFieldsSchema } from '@/lib/modules/publications/schemas';
import { createStaffSchema } from '@/lib/modules/staff-admin/schemas';
import { AppError, toFailure } from '@/lib/platform/errors';
import { fieldMessageLiterals } from '../../../scripts/field-message-literals.mjs';

const CJK = /[\u4e00-\u9fff]/;
const dict = dictionary as { exact: Record<string, string>; templates: Array<{ zh: string; en: string }> };

/** Every message a schema gives for an input, as the English form would show it. */
function englishIssues(schema: z.ZodType, input: unknown): Array<{ zh: string; en: string }> {
  const r = schema.safeParse(input);
  expect(r.success, JSON.stringify(input)).toBe(false);
  return r.error!.issues.map((i) => ({ zh: i.message, en: localizeFieldMessage(i.message, 'en') }));
}

describe('field messages in English', () => {
  it('the dictionary translates every Chinese literal of the validation code, into English only', () => {
    const literals = fieldMessageLiterals();
    expect(literals.size).toBeGreaterThan(100);
    const missing = [...literals.keys()].filter((t) => !(t in dict.exact));
    expect(missing, 'run `node scripts/field-message-literals.mjs`').toEqual([]);
    for (const [zh, en] of Object.entries(dict.exact)) {
      expect(en.trim(), zh).not.toBe('');
      expect(CJK.test(en), `${zh} → ${en}`).toBe(false);
    }
    for (const t of dict.templates) expect(CJK.test(t.en), t.en).toBe(false);
  });

  it('Chinese stays as it is; text that is not Chinese passes through', () => {
    expect(localizeFieldMessage('请输入考试名称', 'zh-CN')).toBe('请输入考试名称');
    expect(localizeFieldMessage('Invalid input', 'en')).toBe('Invalid input');
    // Unknown text stays Chinese rather than turning into a wrong translation.
    expect(localizeFieldMessage('从未出现过的提示', 'en')).toBe('从未出现过的提示');
  });

  it('messages built from a label use the label in English; numbers and dates are kept', () => {
    const name = dict.exact['考试名称'];
    expect(localizeFieldMessage('请输入考试名称', 'en').toLowerCase()).toContain(name.toLowerCase());
    expect(localizeFieldMessage('考试名称不能超过120个字', 'en')).toMatch(/120/);
    const window = localizeFieldMessage('退费须在考试开始日期（2027-01-10）之前截止', 'en');
    expect(window).toContain('2027-01-10');
    expect(window.toLowerCase()).toContain(dict.exact['退费'].toLowerCase());
    expect(localizeFieldMessage('报名须在考试开始日期（2027-01-10）之前截止', 'en')).toContain('2027-01-10');
    // The first letter of a sentence is a capital even when it starts with a label.
    for (const m of ['请输入考试名称', '订单支付时限须为整数', '更换考点城市截止时间必须晚于开始时间']) expect(localizeFieldMessage(m, 'en')).toMatch(/^[A-Z]/);
  });

  it('what the real schemas say about bad input is all English', () => {
    const cases: Array<[z.ZodType, unknown]> = [
      [examFieldsSchema, {}],
      [examFieldsSchema, { name: 'x'.repeat(500), periodStart: '2027-13-01', periodEnd: '', registrationOpensAt: 'soon', registrationClosesAt: '', refundOpensAt: 'x', notice: '', orderTtlMinutes: '1.5' }],
      [
        examFieldsSchema,
        {
          name: '考试',
          periodStart: '2027-01-10',
          periodEnd: '2027-01-09',
          registrationOpensAt: '2026-12-01T09:00',
          registrationClosesAt: '2027-02-01T09:00',
          refundOpensAt: '2026-11-01T09:00',
          refundClosesAt: '2026-10-01T09:00',
          areaChangeOpensAt: '2026-12-02T09:00',
          areaChangeClosesAt: '',
          notice: '须知',
          orderTtlMinutes: 5,
        },
      ],
      [sessionFieldsSchema, {}],
      [subjectFieldsSchema, { code: '!!', name: '', fee: '1.234' }],
      [registrationInfoSchema, {}],
      [registrationInfoSchema, { invoice: { type: 'enterprise', title: '', taxNumber: '123' }, mobile: '123', email: 'x' }],
      [chooseAreaSchema, { registrationId: 'x', areaId: 'y' }],
      [preApplicationFormSchema, {}],
      [preApplicationFormSchema, { entity: { code: '12345678-9', name: '' }, contact: { email: 'no', mobile: '1' }, businessFields: { laboratory: { selected: true, description: '' } } }],
      [individualRegistrationSchema, { idType: 'resident', idNumber: '110101199003077777', name: '', mobile: '2', password: 'abc', confirmPassword: 'abd' }],
      [organizationRegistrationSchema, { creditCode: '91330106MA2H1E6U3X', landline: '123', password: '123456', confirmPassword: '1' }],
      [noticeFieldsSchema, { title: '', body: '' }],
      [createStaffSchema, { name: '', username: '1a', mobile: '1', email: 'x', roles: [] }],
    ];
    const untranslated: string[] = [];
    let seen = 0;
    for (const [schema, input] of cases) {
      for (const m of englishIssues(schema, input)) {
        seen++;
        if (CJK.test(m.en)) untranslated.push(m.zh);
      }
    }
    expect(seen).toBeGreaterThan(40);
    expect(untranslated).toEqual([]);
  });

  it('the server translates schema messages in field errors for an English request, not for a Chinese one', () => {
    const e = new AppError('BAD_INPUT', { fieldErrors: { name: ['请输入考试名称'], periodEnd: ['考试结束日期不能早于开始日期'] } });
    const en = toFailure(e, 'en').fieldErrors!;
    expect(CJK.test(en.name[0]) || CJK.test(en.periodEnd[0])).toBe(false);
    expect(toFailure(e, 'zh-CN').fieldErrors).toEqual({ name: ['请输入考试名称'], periodEnd: ['考试结束日期不能早于开始日期'] });
  });

  it('a form error tree is localized in place, nested fields and arrays included, refs untouched', () => {
    const ref = { name: 'x', self: null as unknown };
    ref.self = ref;
    const tree = { name: { type: 'too_small', message: '请输入考试名称', ref }, invoice: { taxNumber: { message: '请输入纳税人识别号' } }, list: [{ message: '请输入考试名称' }] };
    localizeErrorTree(tree, 'en');
    expect(CJK.test(tree.name.message) || CJK.test(tree.invoice.taxNumber.message) || CJK.test(tree.list[0].message)).toBe(false);
    expect(tree.name.ref).toBe(ref);
    const zh = { name: { message: '请输入考试名称' } };
    localizeErrorTree(zh, 'zh-CN');
    expect(zh.name.message).toBe('请输入考试名称');
  });
});
