import { describe, expect, it } from 'vitest';
import { invoiceSchema } from '@/lib/modules/exam/registration/schemas';

const enterprise = (taxNumber: string) => invoiceSchema.safeParse({ type: 'enterprise', title: '杭州示范检测技术有限公司', taxNumber });
const messages = (taxNumber: string) => {
  const r = enterprise(taxNumber);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('taxpayer ID on the exam invoice (issue #18 §10)', () => {
  it('an 18-character number is a unified social credit code: its alphabet and check character are checked', () => {
    expect(messages('91330106MA2H0TEST1')).toEqual(['18位纳税人识别号即统一社会信用代码，不能含有字母I、O、S、V、Z，请核对']);
    expect(messages('91330106MA2H1E6U3X')).toEqual(['18位纳税人识别号即统一社会信用代码，其校验位不正确，请核对']);
    expect(enterprise('91330106MA2H1E6U3F').success).toBe(true);
    expect(enterprise('91330106ma2h1e6u3f').success).toBe(true);
  });
  it('15 and 20 characters keep the format rule; other lengths are refused', () => {
    expect(enterprise('330106123456789').success).toBe(true);
    expect(enterprise('33010612345678901234').success).toBe(true);
    expect(messages('123')).toEqual(['纳税人识别号为15、18或20位数字或大写字母']);
  });
});
