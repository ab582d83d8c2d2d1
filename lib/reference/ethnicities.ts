/**
 * The 56 ethnic groups (民族) of China with their codes from GB/T 3304-1991
 * 《中国各民族名称的罗马字母拼写法和代码》: two-digit numeric code, romanized
 * name and two-letter code.
 *
 * `ethnicGroups` holds exactly the 56 groups. Two additional codes commonly
 * used next to them in registration systems (97 其他, 98 外国血统中国籍人士)
 * are in `otherEthnicityOptions`; `ethnicityOptions` concatenates both for
 * select boxes.
 */

export interface EthnicGroup {
  /** GB/T 3304 numeric code, two digits ("01" … "56"). */
  readonly code: string;
  /** Chinese name, e.g. "汉族". */
  readonly name: string;
  /** The English name in official use (State Ethnic Affairs Commission), e.g. "Tibetan" for 藏族. */
  readonly nameEn: string;
  /** GB/T 3304 romanized name, e.g. "Han". */
  readonly romanized: string;
  /** GB/T 3304 two-letter code, e.g. "HA". */
  readonly alpha: string;
}

export interface EthnicityOption {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
}

export const ethnicGroups: readonly EthnicGroup[] = [
  { code: '01', name: '汉族', nameEn: 'Han', romanized: 'Han', alpha: 'HA' },
  { code: '02', name: '蒙古族', nameEn: 'Mongolian', romanized: 'Mongol', alpha: 'MG' },
  { code: '03', name: '回族', nameEn: 'Hui', romanized: 'Hui', alpha: 'HU' },
  { code: '04', name: '藏族', nameEn: 'Tibetan', romanized: 'Zang', alpha: 'ZA' },
  { code: '05', name: '维吾尔族', nameEn: 'Uygur', romanized: 'Uygur', alpha: 'UG' },
  { code: '06', name: '苗族', nameEn: 'Miao', romanized: 'Miao', alpha: 'MH' },
  { code: '07', name: '彝族', nameEn: 'Yi', romanized: 'Yi', alpha: 'YI' },
  { code: '08', name: '壮族', nameEn: 'Zhuang', romanized: 'Zhuang', alpha: 'ZH' },
  { code: '09', name: '布依族', nameEn: 'Bouyei', romanized: 'Buyei', alpha: 'BY' },
  { code: '10', name: '朝鲜族', nameEn: 'Korean', romanized: 'Chosen', alpha: 'CS' },
  { code: '11', name: '满族', nameEn: 'Manchu', romanized: 'Man', alpha: 'MA' },
  { code: '12', name: '侗族', nameEn: 'Dong', romanized: 'Dong', alpha: 'DO' },
  { code: '13', name: '瑶族', nameEn: 'Yao', romanized: 'Yao', alpha: 'YA' },
  { code: '14', name: '白族', nameEn: 'Bai', romanized: 'Bai', alpha: 'BA' },
  { code: '15', name: '土家族', nameEn: 'Tujia', romanized: 'Tujia', alpha: 'TJ' },
  { code: '16', name: '哈尼族', nameEn: 'Hani', romanized: 'Hani', alpha: 'HN' },
  { code: '17', name: '哈萨克族', nameEn: 'Kazak', romanized: 'Kazak', alpha: 'KZ' },
  { code: '18', name: '傣族', nameEn: 'Dai', romanized: 'Dai', alpha: 'DA' },
  { code: '19', name: '黎族', nameEn: 'Li', romanized: 'Li', alpha: 'LI' },
  { code: '20', name: '傈僳族', nameEn: 'Lisu', romanized: 'Lisu', alpha: 'LS' },
  { code: '21', name: '佤族', nameEn: 'Va', romanized: 'Va', alpha: 'VA' },
  { code: '22', name: '畲族', nameEn: 'She', romanized: 'She', alpha: 'SH' },
  { code: '23', name: '高山族', nameEn: 'Gaoshan', romanized: 'Gaoshan', alpha: 'GS' },
  { code: '24', name: '拉祜族', nameEn: 'Lahu', romanized: 'Lahu', alpha: 'LH' },
  { code: '25', name: '水族', nameEn: 'Shui', romanized: 'Sui', alpha: 'SU' },
  { code: '26', name: '东乡族', nameEn: 'Dongxiang', romanized: 'Dongxiang', alpha: 'DX' },
  { code: '27', name: '纳西族', nameEn: 'Naxi', romanized: 'Naxi', alpha: 'NX' },
  { code: '28', name: '景颇族', nameEn: 'Jingpo', romanized: 'Jingpo', alpha: 'JP' },
  { code: '29', name: '柯尔克孜族', nameEn: 'Kirgiz', romanized: 'Kirgiz', alpha: 'KG' },
  { code: '30', name: '土族', nameEn: 'Tu', romanized: 'Tu', alpha: 'TU' },
  { code: '31', name: '达斡尔族', nameEn: 'Daur', romanized: 'Daur', alpha: 'DU' },
  { code: '32', name: '仫佬族', nameEn: 'Mulam', romanized: 'Mulao', alpha: 'ML' },
  { code: '33', name: '羌族', nameEn: 'Qiang', romanized: 'Qiang', alpha: 'QI' },
  { code: '34', name: '布朗族', nameEn: 'Blang', romanized: 'Blang', alpha: 'BL' },
  { code: '35', name: '撒拉族', nameEn: 'Salar', romanized: 'Salar', alpha: 'SL' },
  { code: '36', name: '毛南族', nameEn: 'Maonan', romanized: 'Maonan', alpha: 'MN' },
  { code: '37', name: '仡佬族', nameEn: 'Gelao', romanized: 'Gelao', alpha: 'GL' },
  { code: '38', name: '锡伯族', nameEn: 'Xibe', romanized: 'Xibe', alpha: 'XB' },
  { code: '39', name: '阿昌族', nameEn: 'Achang', romanized: 'Achang', alpha: 'AC' },
  { code: '40', name: '普米族', nameEn: 'Pumi', romanized: 'Pumi', alpha: 'PM' },
  { code: '41', name: '塔吉克族', nameEn: 'Tajik', romanized: 'Tajik', alpha: 'TA' },
  { code: '42', name: '怒族', nameEn: 'Nu', romanized: 'Nu', alpha: 'NU' },
  { code: '43', name: '乌孜别克族', nameEn: 'Uzbek', romanized: 'Uzbek', alpha: 'UZ' },
  { code: '44', name: '俄罗斯族', nameEn: 'Russian', romanized: 'Russ', alpha: 'RS' },
  { code: '45', name: '鄂温克族', nameEn: 'Ewenki', romanized: 'Ewenki', alpha: 'EW' },
  { code: '46', name: '德昂族', nameEn: 'Deang', romanized: 'Deang', alpha: 'DE' },
  { code: '47', name: '保安族', nameEn: 'Bonan', romanized: 'Bonan', alpha: 'BN' },
  { code: '48', name: '裕固族', nameEn: 'Yugur', romanized: 'Yugur', alpha: 'YG' },
  { code: '49', name: '京族', nameEn: 'Gin', romanized: 'Gin', alpha: 'GI' },
  { code: '50', name: '塔塔尔族', nameEn: 'Tatar', romanized: 'Tatar', alpha: 'TT' },
  { code: '51', name: '独龙族', nameEn: 'Derung', romanized: 'Derung', alpha: 'DR' },
  { code: '52', name: '鄂伦春族', nameEn: 'Oroqen', romanized: 'Oroqen', alpha: 'OR' },
  { code: '53', name: '赫哲族', nameEn: 'Hezhen', romanized: 'Hezhen', alpha: 'HZ' },
  { code: '54', name: '门巴族', nameEn: 'Monba', romanized: 'Monba', alpha: 'MB' },
  { code: '55', name: '珞巴族', nameEn: 'Lhoba', romanized: 'Lhoba', alpha: 'LB' },
  { code: '56', name: '基诺族', nameEn: 'Jino', romanized: 'Jino', alpha: 'JN' },
];

/** Codes outside the 56 groups, used by registration systems. */
export const otherEthnicityOptions: readonly EthnicityOption[] = [
  { code: '97', name: '其他', nameEn: 'Other' },
  { code: '98', name: '外国血统中国籍人士', nameEn: 'Chinese citizen of foreign origin' },
];

/** The 56 groups followed by 97 and 98, for a select box. */
export const ethnicityOptions: readonly EthnicityOption[] = [
  ...ethnicGroups.map(({ code, name, nameEn }) => ({ code, name, nameEn })),
  ...otherEthnicityOptions,
];

const byCode = new Map<string, EthnicityOption>(ethnicityOptions.map((e) => [e.code, e]));

/** Name for a code ("01" → "汉族"), including 97 and 98; undefined if unknown. */
export function ethnicityName(code: string): string | undefined {
  return byCode.get(code)?.name;
}

/** True for "01"–"56", and also "97"/"98" unless `includeOther` is false. */
export function isValidEthnicityCode(code: string, includeOther = true): boolean {
  const entry = byCode.get(code);
  if (!entry) return false;
  return includeOther || ethnicGroups.some((g) => g.code === code);
}
