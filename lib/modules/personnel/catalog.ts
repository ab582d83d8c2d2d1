/**
 * Module C's item catalogs (SPEC §4, seed 002): what a special-equipment
 * inspection or testing person enrolls for. Pure data, shared by the forms,
 * the server and the staff pages.
 *
 * Written from the TSG personnel rules: TSG Z8002 《特种设备检验人员考核规则》
 * (检验员 and 检验师 items per equipment type), TSG Z8001 《特种设备无损检测
 * 人员考核规则》 (testing methods, each at levels Ⅰ/Ⅱ/Ⅲ) and the type-test
 * (型式试验) personnel items by equipment or component. Codes are the item
 * abbreviations printed on certificates (RQY = 压力容器检验员, UT-Ⅱ = 超声检测Ⅱ级 …).
 */

/** The three enrollment kinds (exam plans are per kind and item). */
export const PLAN_KINDS = ['inspection', 'testing', 'typeTest'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

export type CatalogItem = { code: string; name: string };

/** 检验人员: 检验员 / 检验师, each with its equipment items. */
export const INSPECTION_CATEGORIES = ['inspector', 'seniorInspector'] as const;
export type InspectionCategory = (typeof INSPECTION_CATEGORIES)[number];

export const INSPECTION_ITEMS: Record<InspectionCategory, readonly CatalogItem[]> = {
  inspector: [
    { code: 'GLY', name: '锅炉检验员' },
    { code: 'RQY', name: '压力容器检验员' },
    { code: 'QPY', name: '气瓶检验员' },
    { code: 'GDY', name: '压力管道检验员' },
    { code: 'DTY', name: '电梯检验员' },
    { code: 'QZY', name: '起重机械检验员' },
    { code: 'SDY', name: '客运索道检验员' },
    { code: 'YLY', name: '大型游乐设施检验员' },
    { code: 'CCY', name: '场（厂）内专用机动车辆检验员' },
  ],
  seniorInspector: [
    { code: 'GLS', name: '锅炉检验师' },
    { code: 'RQS', name: '压力容器检验师' },
    { code: 'GDS', name: '压力管道检验师' },
    { code: 'DTS', name: '电梯检验师' },
    { code: 'QZS', name: '起重机械检验师' },
    { code: 'SDS', name: '客运索道检验师' },
    { code: 'YLS', name: '大型游乐设施检验师' },
  ],
};

/** 检测人员: the non-destructive testing methods at their levels (Ⅰ 一级, Ⅱ 二级, Ⅲ 三级). */
const NDT_METHODS: Array<{ code: string; name: string; levels: Array<1 | 2 | 3> }> = [
  { code: 'RT', name: '射线检测', levels: [1, 2, 3] },
  { code: 'UT', name: '超声检测', levels: [1, 2, 3] },
  { code: 'MT', name: '磁粉检测', levels: [1, 2, 3] },
  { code: 'PT', name: '渗透检测', levels: [1, 2, 3] },
  { code: 'ET', name: '电磁检测', levels: [2, 3] },
  { code: 'AE', name: '声发射检测', levels: [2, 3] },
  { code: 'TOFD', name: '衍射时差法超声检测', levels: [2] },
  { code: 'PA', name: '相控阵超声检测', levels: [2] },
];
const LEVEL = { 1: 'Ⅰ', 2: 'Ⅱ', 3: 'Ⅲ' } as const;
const LEVEL_ZH = { 1: '一级', 2: '二级', 3: '三级' } as const;

export const TESTING_ITEMS: readonly (CatalogItem & { level: 1 | 2 | 3 })[] = NDT_METHODS.flatMap((m) =>
  m.levels.map((level) => ({ code: `${m.code}-${LEVEL[level]}`, name: `${m.name}${LEVEL_ZH[level]}`, level })),
);

/** 型式试验人员: the equipment and components whose type tests a person may carry out. */
export const TYPE_TEST_ITEMS: readonly CatalogItem[] = [
  { code: 'XS-GL', name: '锅炉型式试验' },
  { code: 'XS-RQ', name: '压力容器型式试验' },
  { code: 'XS-QP', name: '气瓶型式试验' },
  { code: 'XS-YJ', name: '压力管道元件型式试验' },
  { code: 'XS-AF', name: '安全附件型式试验' },
  { code: 'XS-DT', name: '电梯整机及部件型式试验' },
  { code: 'XS-QZ', name: '起重机械型式试验' },
  { code: 'XS-SD', name: '客运索道型式试验' },
  { code: 'XS-YL', name: '大型游乐设施型式试验' },
  { code: 'XS-CC', name: '场（厂）内专用机动车辆型式试验' },
];

/** 检验性质: the kind of inspection the person carries out. */
export const INSPECTION_NATURES = ['supervision', 'periodic', 'both'] as const;
/** 检测性质: the kind of body the person tests for. */
export const TESTING_NATURES = ['institution', 'manufacturer', 'installer', 'user', 'other'] as const;

/** 检测人员 enrollment types: initial exam, renewal without exam, renewal by exam, and the two retakes. */
export const TESTING_ENROLL_TYPES = ['initial', 'renewalNoExam', 'renewalExam', 'initialRetake', 'renewalRetake'] as const;
export type TestingEnrollType = (typeof TESTING_ENROLL_TYPES)[number];
/** Types that renew a held certificate (held items required). */
export const RENEWAL_TYPES: readonly TestingEnrollType[] = ['renewalNoExam', 'renewalExam', 'renewalRetake'];
/** Retakes: the retake subjects and the previous exam date are required. */
export const RETAKE_TYPES: readonly TestingEnrollType[] = ['initialRetake', 'renewalRetake'];
/** 补考科目. */
export const RETAKE_SUBJECTS = ['theory', 'practical'] as const;

/** The 审核换证 of inspection and type-test personnel. */
export const AUDIT_RENEWAL = 'auditRenewal' as const;

/** Every item of a kind (inspection: both categories). */
export function itemsOf(kind: PlanKind): readonly CatalogItem[] {
  if (kind === 'inspection') return [...INSPECTION_ITEMS.inspector, ...INSPECTION_ITEMS.seniorInspector];
  return kind === 'testing' ? TESTING_ITEMS : TYPE_TEST_ITEMS;
}

export function findItem(kind: PlanKind, code: string): CatalogItem | undefined {
  return itemsOf(kind).find((i) => i.code === code);
}

/** The category (检验员 / 检验师) of an inspection item. */
export function inspectionCategoryOf(code: string): InspectionCategory | undefined {
  return INSPECTION_CATEGORIES.find((c) => INSPECTION_ITEMS[c].some((i) => i.code === code));
}

/** "RQY 压力容器检验员": how an item is printed. */
export function itemLabel(kind: PlanKind, code: string): string {
  const item = findItem(kind, code);
  return item ? `${item.name}（${item.code}）` : code;
}

export const isPlanKind = (v: unknown): v is PlanKind => typeof v === 'string' && (PLAN_KINDS as readonly string[]).includes(v);
