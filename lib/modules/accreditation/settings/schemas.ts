import { z } from 'zod';
import { BUSINESS_FIELD_KEY_RE } from '../pre-application/schemas';

/** Staff-editable module-A texts and lists (SPEC §2: business fields are configurable; the notes are site text). */
export const businessFieldsSettingSchema = z
  .object({
    fields: z
      .array(
        z.object({
          key: z.string().trim().regex(BUSINESS_FIELD_KEY_RE, '标识须以小写字母开头，仅含字母、数字或下划线'),
          label: z.string().trim().min(1, '请输入名称').max(40, '名称不能超过40个字'),
        }),
      )
      .min(1, '至少保留一项业务领域')
      .max(30, '业务领域不能超过30项'),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.fields.forEach((f, i) => {
      if (seen.has(f.key)) ctx.addIssue({ code: 'custom', message: '标识不能重复', path: ['fields', i, 'key'] });
      seen.add(f.key);
    });
  });

export const preApplicationNotesSchema = z.object({
  notes: z.array(z.string().trim().min(1, '注意事项不能为空').max(500, '每条注意事项不能超过500个字')).min(1, '至少保留一条注意事项').max(20, '注意事项不能超过20条'),
});
