import { z } from 'zod';
import { mobileSchema } from '@/lib/reference/validators';

/**
 * 外省企业备案 (SPEC §3.9, seed 001 十三): the registration form of an
 * enterprise registered outside the association's province. The company's
 * own data comes from its profile (changed only through an info change); the
 * form holds what it does in this province. Shared by the browser and the server.
 */
const text = (message: string, max: number) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(max, `不能超过${max}个字`);

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .refine((v) => DAY.test(v) && !Number.isNaN(new Date(`${v}T00:00:00+08:00`).getTime()) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), message);

export const filingFormSchema = z
  .object({
    branchName: text('请输入在本省设立的分支机构（项目部）名称', 100),
    branchAddress: text('请输入在本省的经营地址', 200),
    responsibleName: text('请输入本省负责人姓名', 50),
    responsibleMobile: mobileSchema,
    business: text('请填写在本省开展的业务', 1000),
    periodFrom: day('请选择计划经营开始日期'),
    periodTo: day('请选择计划经营结束日期'),
  })
  .refine((d) => !DAY.test(d.periodFrom) || !DAY.test(d.periodTo) || d.periodTo >= d.periodFrom, { message: '计划经营结束日期不能早于开始日期', path: ['periodTo'] });

export type FilingFormInput = z.input<typeof filingFormSchema>;

/** The company as registered when the filing was submitted (from its profile). */
export type FilingCompany = {
  name: string;
  creditCode: string | null;
  legalRepresentative: string | null;
  regionCode: string | null;
  region: string | null;
  address: string | null;
  contactName: string | null;
  contactPhone: string | null;
  landline: string | null;
};

/** What a filing stores: the form, the company snapshot, and the filing certificate once approved. */
export type FilingData = z.output<typeof filingFormSchema> & {
  company?: FilingCompany;
  filing?: { certificateId: string; certificateNumber: string; validUntil: string };
};
