import { z } from 'zod';

/**
 * Staff settings of module B's change flows and the association's support
 * contacts (shown in the footer and on module B's pages). Shared by the
 * browser forms and the server.
 */
export const changesSettingsSchema = z.object({
  province: z
    .string({ error: '请选择协会所在省份' })
    .trim()
    .regex(/^\d{2}$/, '请选择协会所在省份'),
  lossNoticeRequired: z.boolean({ error: '请选择是否须上传登报挂失声明' }),
  filingValidityMonths: z.coerce
    .number({ error: '请输入备案证明有效期' })
    .int('备案证明有效期须为整数月')
    .min(1, '备案证明有效期至少1个月')
    .max(120, '备案证明有效期不能超过120个月'),
});

export type ChangesSettingsInput = z.input<typeof changesSettingsSchema>;

const optional = (max: number, message: string) => z.string().trim().max(max, message).optional().default('');

export const supportContactsSchema = z
  .object({
    qqGroup: z
      .string()
      .trim()
      .regex(/^(\d{5,12})?$/, 'QQ群号须为5至12位数字')
      .optional()
      .default(''),
    phone: optional(40, '技术支持电话不能超过40个字'),
    phoneContact: optional(40, '接听人及时间不能超过40个字'),
    email: z
      .string()
      .trim()
      .max(100, '电子邮箱不能超过100个字符')
      .refine((v) => v === '' || z.email().safeParse(v).success, '请输入有效的电子邮箱')
      .optional()
      .default(''),
    hours: optional(60, '服务时间不能超过60个字'),
    contacts: z
      .array(
        z.object({
          name: z.string({ error: '请输入联系人姓名' }).trim().min(1, '请输入联系人姓名').max(20, '联系人姓名不能超过20个字'),
          phones: z.string({ error: '请输入联系电话' }).trim().min(1, '请输入联系电话').max(60, '联系电话不能超过60个字'),
        }),
      )
      .max(5, '最多填写5位联系人'),
  })
  .refine((d) => d.phone || d.qqGroup || d.email || d.contacts.length > 0, { message: '请至少填写一种联系方式', path: ['phone'] });

export type SupportContactsInput = z.input<typeof supportContactsSchema>;
