import { z } from 'zod';
import { LANDLINE_RE } from '@/lib/modules/account/organization-schemas';
import { isSpecificRegionShape } from '@/lib/reference/provinces';
import { creditCodeSchema, mobileSchema } from '@/lib/reference/validators';
import { PROFILE_FIELDS, type ProfileField } from './fields';

/**
 * 信息变更 (SPEC §3.6, seed 001 十): the enterprise proposes new values for
 * the fields of its profile that changed, with a reason. Shared by the
 * browser form and the server (the engine validates submits with it).
 */

export { PROFILE_FIELDS, type ProfileField } from './fields';

/** Fields of the business registration: changing one of them needs the licence (or other proof) after the change. */
export const REGISTERED_FIELDS: readonly ProfileField[] = ['name', 'creditCode', 'legalRepresentative', 'regionCode', 'address'];

const required = (message: string, max: number) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(max, `不能超过${max}个字`);

/** Each field's rule when it is changed (a field left unchanged is not validated: old data may predate these rules). */
export const PROFILE_FIELD_SCHEMAS = {
  name: required('请输入变更后的单位名称', 100),
  creditCode: creditCodeSchema,
  legalRepresentative: required('请输入变更后的法定代表人', 50),
  regionCode: z
    .string({ error: '请选择所在地区' })
    .trim()
    .min(1, '请选择所在地区')
    .refine(isSpecificRegionShape, '请选择到市或区县'),
  address: required('请输入变更后的注册地址', 200),
  contactName: required('请输入变更后的联系人', 50),
  contactPhone: mobileSchema,
  // Optional fields may be cleared: an empty value removes them.
  landline: z
    .string()
    .trim()
    .transform((v) => v.replace(/\s+/g, ''))
    .refine((v) => v === '' || LANDLINE_RE.test(v), '固定电话格式不正确，例如 0571-88880000 或 010-12345678-123')
    .transform((v) => v || null),
  email: z
    .string()
    .trim()
    .max(100, '电子邮箱不能超过100个字符')
    .refine((v) => v === '' || z.email().safeParse(v).success, '请输入有效的电子邮箱')
    .transform((v) => v || null),
} satisfies Record<ProfileField, z.ZodType>;

export const infoChangeFormSchema = z
  .object({
    // Only the fields the enterprise chose to change are present.
    changes: z.object({
      name: PROFILE_FIELD_SCHEMAS.name.optional(),
      creditCode: PROFILE_FIELD_SCHEMAS.creditCode.optional(),
      legalRepresentative: PROFILE_FIELD_SCHEMAS.legalRepresentative.optional(),
      regionCode: PROFILE_FIELD_SCHEMAS.regionCode.optional(),
      address: PROFILE_FIELD_SCHEMAS.address.optional(),
      contactName: PROFILE_FIELD_SCHEMAS.contactName.optional(),
      contactPhone: PROFILE_FIELD_SCHEMAS.contactPhone.optional(),
      landline: PROFILE_FIELD_SCHEMAS.landline.optional(),
      email: PROFILE_FIELD_SCHEMAS.email.optional(),
    }),
    reason: required('请填写变更原因', 500),
  })
  .refine((d) => PROFILE_FIELDS.some((f) => d.changes[f] !== undefined), { message: '请至少选择一项需要变更的信息', path: ['changes'] });

export type InfoChangeFormInput = z.input<typeof infoChangeFormSchema>;
export type InfoChangeForm = z.output<typeof infoChangeFormSchema>;

/** One changed field: the value before and after (null = empty). */
export type FieldChange = { field: ProfileField; before: string | null; after: string | null };

/** What an info change stores: the form, the changes against the profile at submit, and what was applied on approval. */
export type InfoChangeData = InfoChangeForm & {
  /** Computed on submit against the profile of that moment (only fields that really differ). */
  diff?: FieldChange[];
  /** Written on approval: the values replaced at that moment and the certificates left as they were issued. */
  applied?: { at: string; diff: FieldChange[]; certificatesKept: string[] };
};
