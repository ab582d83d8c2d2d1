import { z } from 'zod';
import { UUID_PATTERN } from '@/lib/platform/schemas';
import { STAFF_GRADES, type StaffGrade, type StaffRequirement } from '../staff-grades';
import { MATERIAL_SLOTS, type MaterialSlot } from './constants';

/**
 * Qualification levels (staff configuration) and the qualification
 * application's form. Shared by the browser forms and the server.
 */

const count = (message: string) =>
  z.coerce
    .number({ error: message })
    .int(message)
    .min(0, message)
    .max(999, message);

/** Staff counts per grade as the level form edits them (0 = no requirement of that grade). */
export const requirementCountsSchema = z.object({
  senior: count('高级技术人员人数须为0至999的整数'),
  intermediate: count('中级技术人员人数须为0至999的整数'),
  junior: count('初级技术人员人数须为0至999的整数'),
} satisfies Record<StaffGrade, unknown>);

const levelFields = {
  code: z
    .string({ error: '请输入等级代码' })
    .trim()
    .min(1, '请输入等级代码')
    .max(20, '等级代码不能超过20个字符')
    .regex(/^[A-Za-z0-9_-]+$/, '等级代码只能包含字母、数字、下划线或连字符'),
  name: z.string({ error: '请输入等级名称' }).trim().min(1, '请输入等级名称').max(20, '等级名称不能超过20个字'),
  rank: z.coerce.number({ error: '请输入等级序位' }).int('等级序位须为正整数').min(1, '等级序位须为正整数').max(99, '等级序位不能大于99'),
  description: z.string().trim().max(1000, '等级说明不能超过1000个字').default(''),
  validityMonths: z.coerce.number({ error: '请输入证书有效期' }).int('证书有效期须为整数月').min(1, '证书有效期至少1个月').max(120, '证书有效期不能超过120个月'),
  active: z.boolean().default(true),
  requirements: requirementCountsSchema,
  materials: z.array(z.enum(MATERIAL_SLOTS, { error: '未知的评审材料' })).max(MATERIAL_SLOTS.length),
};

/** The level form (资质等级设置). */
export const levelFormSchema = z.object(levelFields);
export type LevelFormInput = z.input<typeof levelFormSchema>;
export type LevelFormOutput = z.output<typeof levelFormSchema>;

/** Saving a level: a new one (no id) or an existing one. */
export const saveLevelSchema = z.object({ id: z.string().regex(UUID_PATTERN).optional(), ...levelFields });
export type SaveLevelInput = z.input<typeof saveLevelSchema>;

/** The counts form → the stored requirements ([{ grade, count }], highest grade first, zero counts left out). */
export function toRequirements(counts: Record<StaffGrade, number>): StaffRequirement[] {
  return STAFF_GRADES.filter((g) => counts[g] > 0).map((grade) => ({ grade, count: counts[grade] }));
}

export function toCounts(requirements: readonly StaffRequirement[]): Record<StaffGrade, number> {
  const out = { senior: 0, intermediate: 0, junior: 0 };
  for (const r of requirements) out[r.grade] += r.count;
  return out;
}

/** Module-B qualification settings: when 到期换证 opens. */
export const qualificationSettingsSchema = z.object({
  renewalWindowDays: z.coerce.number({ error: '请输入天数' }).int('天数须为整数').min(1, '至少提前1天').max(365, '最多提前365天'),
});
export type QualificationSettingsInput = z.input<typeof qualificationSettingsSchema>;

const uuid = (message: string) => z.string({ error: message }).regex(UUID_PATTERN, message);

/**
 * What the enterprise fills (资质申请 / 年审 / 晋级 / 降级 / 到期换证): the target
 * level and the attached technical staff, each with the ids of their
 * documents (files of the staff_documents slot). The server completes it
 * with a snapshot (prepare.ts) at every submit.
 */
export const qualificationFormSchema = z.object({
  levelId: uuid('请选择申请等级'),
  staff: z
    .array(
      z.object({
        staffId: uuid('请选择技术人员'),
        documentIds: z.array(uuid('资料编号无效')).max(20, '每位技术人员最多上传20份资料'),
      }),
      { error: '请添加技术人员' },
    )
    .max(200, '技术人员不能超过200人')
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((p, i) => {
        if (seen.has(p.staffId)) ctx.addIssue({ code: 'custom', message: '同一技术人员不能重复添加', path: [i, 'staffId'] });
        seen.add(p.staffId);
      });
    }),
});
export type QualificationFormInput = z.input<typeof qualificationFormSchema>;

/** A certificate a person holds, as the roster stores it. */
export type PersonCertificate = { name: string; number: string; validUntil: string | null };

/** One attached person as submitted (the review page reads this, not the roster, which may change later). */
export type PersonSnapshot = {
  staffId: string;
  name: string;
  idMasked: string;
  grade: StaffGrade;
  title: string | null;
  position: string | null;
  certificates: PersonCertificate[];
  documents: Array<{ id: string; fileName: string }>;
};

export type LevelSnapshot = { id: string; code: string; name: string; rank: number; requirements: StaffRequirement[]; materials: MaterialSlot[]; validityMonths: number };

export type QualificationData = z.output<typeof qualificationFormSchema> & {
  /** Written by every submit (prepare.ts). */
  company?: { name: string; creditCode: string | null; legalRepresentative: string | null; address: string | null; contactName: string | null; contactPhone: string | null; email: string | null };
  target?: LevelSnapshot;
  /** The qualification held when submitted (every variant but 资质申请). */
  current?: { levelId: string; levelName: string; rank: number; certificateNumber: string | null; validUntil: string; reviewDueOn: string; status: string };
  people?: PersonSnapshot[];
  /** Materials uploaded when submitted: slot → file names. */
  materials?: Partial<Record<MaterialSlot, string[]>>;
  submittedAt?: string;
  /** Written when approved (grant.ts). */
  result?: { levelName: string; certificateId: string; certificateNumber: string; validUntil: string; reviewDueOn: string; replacedNumber?: string | null };
};
