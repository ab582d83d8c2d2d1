import { z } from 'zod';
import { businessFieldsSchemaWith } from '../pre-application/schemas';

/**
 * 业务领域变更 (SPEC §2.7): an accredited institution asks to add business
 * fields. The form has the same field boxes as the pre-application plus a reason.
 */
export const fieldChangeFormSchema = z.object({
  businessFields: businessFieldsSchemaWith('请至少选择一项要增加的业务领域'),
  reason: z.string().trim().max(1000, '变更说明不能超过1000个字').optional().default(''),
});

export type FieldChangeFormInput = z.input<typeof fieldChangeFormSchema>;

/** Stored after submit: the chosen fields with their configured labels. */
export type FieldChangeData = { businessFields: Array<{ key: string; label?: string; description: string }>; reason: string };

/** Form values from stored data (a draft keeps the form's own shape; a submitted one the list). */
export function formValuesOf(data: unknown, keys: string[]): FieldChangeFormInput {
  const d = (data ?? {}) as Partial<FieldChangeData> & { businessFields?: unknown };
  const map: FieldChangeFormInput['businessFields'] = Object.fromEntries(keys.map((k) => [k, { selected: false, description: '' }]));
  if (Array.isArray(d.businessFields)) {
    for (const f of d.businessFields as FieldChangeData['businessFields']) if (f.key in map) map[f.key] = { selected: true, description: f.description };
  } else if (d.businessFields && typeof d.businessFields === 'object') {
    for (const [k, v] of Object.entries(d.businessFields as Record<string, { selected?: boolean; description?: string }>)) {
      if (k in map) map[k] = { selected: Boolean(v?.selected), description: String(v?.description ?? '') };
    }
  }
  return { businessFields: map, reason: typeof d.reason === 'string' ? d.reason : '' };
}
