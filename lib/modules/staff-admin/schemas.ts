import { z } from 'zod';
import { uuidSchema } from '@/lib/platform/schemas';
import type { StaffRole } from '@/lib/platform/auth/actor';
import { MODULE_KEYS, type ModuleKey } from '@/lib/platform/modules';
import { mobileSchema } from '@/lib/reference/validators';

/**
 * Schemas of the staff administration (shared by the forms and the actions).
 * Kept free of server imports: the role list is repeated here (type-checked
 * against `StaffRole`) so the client bundle does not pull the session layer in.
 */
export const STAFF_ROLE_KEYS = ['admin', 'reviewer', 'finance', 'exam_admin', 'review_planner', 'review_leader', 'issuing_authority'] as const satisfies readonly StaffRole[];
// Fails to compile when a role is added to StaffRole but not here.
const everyRoleListed: Exclude<StaffRole, (typeof STAFF_ROLE_KEYS)[number]> extends never ? true : never = true;
void everyRoleListed;

/** Roles granted per module; every other role spans all modules ('*'). */
export const PER_MODULE_ROLES: readonly StaffRole[] = ['reviewer'];
export const isPerModuleRole = (role: string) => (PER_MODULE_ROLES as readonly string[]).includes(role);

export type RoleGrant = { role: StaffRole; module: '*' | ModuleKey };

const roleGrantSchema = z.object({
  role: z.enum(STAFF_ROLE_KEYS, { error: '角色不正确' }),
  module: z.enum(['*', ...MODULE_KEYS] as ['*', ...ModuleKey[]], { error: '业务模块不正确' }),
});

/** A set of grants: reviewer per module, the others for all modules; duplicates are dropped, the order is canonical. */
export const rolesSchema = z
  .array(roleGrantSchema, { error: '角色不正确' })
  .max(STAFF_ROLE_KEYS.length * (MODULE_KEYS.length + 1), '角色过多')
  .superRefine((grants, ctx) => {
    for (const g of grants) {
      if (isPerModuleRole(g.role) && g.module === '*') ctx.addIssue({ code: 'custom', message: '审核员须按业务模块分别授予' });
      else if (!isPerModuleRole(g.role) && g.module !== '*') ctx.addIssue({ code: 'custom', message: '该角色适用于全部业务模块，不能按模块授予' });
    }
  })
  .transform((grants) => canonicalGrants(grants as RoleGrant[]));

export function canonicalGrants(grants: RoleGrant[]): RoleGrant[] {
  const rank = (g: RoleGrant) => STAFF_ROLE_KEYS.indexOf(g.role as (typeof STAFF_ROLE_KEYS)[number]) * 100 + (g.module === '*' ? 0 : 1 + MODULE_KEYS.indexOf(g.module));
  const unique = new Map<string, RoleGrant>();
  for (const g of grants) unique.set(`${g.role}:${g.module}`, { role: g.role, module: g.module });
  return [...unique.values()].sort((a, b) => rank(a) - rank(b));
}

const optionalMobile = z.union([z.literal(''), mobileSchema]).optional();
const optionalEmail = z.union([z.literal(''), z.email('电子邮箱格式不正确').max(100, '电子邮箱过长')]).optional();

export const createStaffSchema = z
  .object({
    name: z.string({ error: '请输入姓名' }).trim().min(1, '请输入姓名').max(50, '姓名不能超过50个字'),
    username: z
      .string({ error: '请输入登录名' })
      .trim()
      .regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, '登录名须以字母开头，4–32位字母、数字或下划线'),
    mobile: optionalMobile,
    email: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), optionalEmail),
    roles: rolesSchema.refine((r) => r.length > 0, '请至少选择一个角色'),
  })
  .transform((v) => ({ ...v, mobile: v.mobile || undefined, email: v.email || undefined }));
export type CreateStaffInput = z.input<typeof createStaffSchema>;

export const staffIdSchema = z.object({ id: uuidSchema('账户编号不正确') });
export const setStaffRolesSchema = staffIdSchema.extend({ roles: rolesSchema });
export const setStaffStatusSchema = staffIdSchema.extend({ status: z.enum(['active', 'disabled'], { error: '状态不正确' }) });

/** Audit actions offered in the search filter; a value ending in `*` matches a prefix. */
export const AUDIT_ACTION_FILTERS = [
  'auth.login',
  'auth.login_failed',
  'account.register',
  'account.password_changed',
  'account.password_reset',
  'permission.changed',
  'org.subaccount_*',
  'staff.*',
  'audit.exported',
] as const;

/** The search form (GET parameters): unknown or malformed values are dropped rather than refused. */
export const auditFilterSchema = z.object({
  action: z
    .string()
    .trim()
    .regex(/^[a-z_]+(\.[a-z_]*)?\*?$/)
    .max(64)
    .optional()
    .catch(undefined),
  actor: z.string().trim().max(64).optional().catch(undefined),
  success: z.enum(['true', 'false']).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});
export type AuditFilterParams = z.output<typeof auditFilterSchema>;

const optionalText = (max: number, message: string) => z.string().trim().max(max, message).optional().default('');

/**
 * 页脚设置: the filing numbers and the platform's support contacts in the
 * public footer. Each may stay empty (the footer then leaves it out), but a
 * filing number, when given, must look like one: 京ICP备12345678号(-1) and
 * 京公网安备11010502000001号.
 */
export const siteFooterSchema = z.object({
  icp: z
    .string()
    .trim()
    .regex(/^([\u4e00-\u9fa5]ICP[备证]\d{6,10}号(-\d{1,3})?)?$/, 'ICP备案号格式不正确，例如：京ICP备12345678号-1')
    .optional()
    .default(''),
  psb: z
    .string()
    .trim()
    .regex(/^([\u4e00-\u9fa5]公网安备\s?\d{14}号)?$/, '公安备案号格式不正确，例如：京公网安备11010502000001号')
    .optional()
    .default(''),
  phone: z
    .string()
    .trim()
    .regex(/^([\d\s+()-]{5,30})?$/, '请输入有效的客服电话，例如：010-6786 0000')
    .optional()
    .default(''),
  email: z
    .string()
    .trim()
    .max(100, '电子邮箱不能超过100个字符')
    .refine((v) => v === '' || z.email().safeParse(v).success, '请输入有效的电子邮箱')
    .optional()
    .default(''),
  qqGroup: z
    .string()
    .trim()
    .regex(/^(\d{5,12})?$/, 'QQ群号须为5至12位数字')
    .optional()
    .default(''),
  hours: optionalText(60, '服务时间不能超过60个字'),
});
export type SiteFooterInput = z.input<typeof siteFooterSchema>;
