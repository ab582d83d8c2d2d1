/**
 * Education levels (学历) and academic degrees (学位).
 *
 * Education codes follow GB/T 4658-2006 《学历代码》: the first digit is the
 * category (1 研究生, 2 大学本科, 3 大学专科, 4 中等职业教育, 6 普通高中,
 * 7 初中, 8 小学, 9 其他), the second digit the completion status
 * (…1 毕业, …2 结业, …3 肄业). `educationCodes` lists the "毕业" codes;
 * `educationLevels` is the short list used in sign-up forms, where
 * "初中及以下" uses the category code 70 and covers 初中, 小学 and below.
 *
 * Degree codes follow the top level of GB/T 6864-2003 《中华人民共和国学位
 * 代码》 (1 名誉博士, 2 博士, 3 硕士, 4 学士). "无" (code "0") is an
 * application-level option, not part of the standard.
 */

export interface EducationLevel {
  /** GB/T 4658 code, e.g. "21" (大学本科毕业). */
  readonly code: string;
  /** Short name shown in forms, e.g. "大学本科". */
  readonly name: string;
  /** English name, e.g. "Bachelor's (undergraduate)". */
  readonly nameEn: string;
  /**
   * Ordinal for comparisons (higher = higher level). Levels of the same stage
   * (e.g. 中等专科 and 高中) share a rank.
   */
  readonly rank: number;
}

/** Education levels for sign-up forms, highest first. */
export const educationLevels: readonly EducationLevel[] = [
  { code: '11', name: '博士研究生', nameEn: 'Doctoral (postgraduate)', rank: 7 },
  { code: '14', name: '硕士研究生', nameEn: "Master's (postgraduate)", rank: 6 },
  { code: '21', name: '大学本科', nameEn: "Bachelor's (undergraduate)", rank: 5 },
  { code: '31', name: '大学专科', nameEn: 'Junior college', rank: 4 },
  { code: '41', name: '中等专科', nameEn: 'Secondary specialized school', rank: 3 },
  { code: '44', name: '职业高中', nameEn: 'Vocational high school', rank: 3 },
  { code: '47', name: '技工学校', nameEn: 'Technical school', rank: 3 },
  { code: '61', name: '高中', nameEn: 'Senior high school', rank: 3 },
  { code: '70', name: '初中及以下', nameEn: 'Junior high school or below', rank: 1 },
];

/** GB/T 4658-2006 codes for completed ("毕业") education, with full names. */
export const educationCodes: readonly { code: string; name: string }[] = [
  { code: '11', name: '博士研究生毕业' },
  { code: '14', name: '硕士研究生毕业' },
  { code: '17', name: '研究生班毕业' },
  { code: '21', name: '大学本科毕业' },
  { code: '31', name: '大学专科毕业' },
  { code: '41', name: '中等专科毕业' },
  { code: '44', name: '职业高中毕业' },
  { code: '47', name: '技工学校毕业' },
  { code: '61', name: '普通高中毕业' },
  { code: '71', name: '初中毕业' },
  { code: '81', name: '小学毕业' },
  { code: '90', name: '其他' },
];

export interface AcademicDegree {
  /** GB/T 6864 top-level code ("0" = none, application-level). */
  readonly code: string;
  readonly name: string;
  readonly rank: number;
}

/** Academic degrees for sign-up forms, highest first. */
export const academicDegrees: readonly AcademicDegree[] = [
  { code: '2', name: '博士', rank: 3 },
  { code: '3', name: '硕士', rank: 2 },
  { code: '4', name: '学士', rank: 1 },
  { code: '0', name: '无', rank: 0 },
];

/** Honorary doctorate (名誉博士, GB/T 6864 code 1); not offered in forms. */
export const HONORARY_DOCTORATE: AcademicDegree = { code: '1', name: '名誉博士', rank: 3 };

const levelByCode = new Map(educationLevels.map((l) => [l.code, l]));
const degreeByCode = new Map(academicDegrees.map((d) => [d.code, d]));

export function findEducationLevel(code: string): EducationLevel | undefined {
  return levelByCode.get(code);
}

export function isValidEducationLevel(code: string): boolean {
  return levelByCode.has(code);
}

export function findAcademicDegree(code: string): AcademicDegree | undefined {
  return degreeByCode.get(code);
}

export function isValidAcademicDegree(code: string): boolean {
  return degreeByCode.has(code);
}

/**
 * True if education level `code` is at least `minimum`
 * (e.g. meetsEducationRequirement('14', '21') — 硕士 meets "本科及以上").
 * Unknown codes never meet a requirement.
 */
export function meetsEducationRequirement(code: string, minimum: string): boolean {
  const level = levelByCode.get(code);
  const min = levelByCode.get(minimum);
  return level !== undefined && min !== undefined && level.rank >= min.rank;
}
