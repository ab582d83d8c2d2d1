#!/usr/bin/env node
/**
 * Builds lib/reference/data/regions-en.json: the English name of every region
 * of lib/reference/data/regions.json, by code.
 *
 * - Provinces and prefecture-level divisions: their official English names
 *   (the tables below: autonomous regions and prefectures, leagues,
 *   prefectures, and the cities whose English name is not the pinyin of the
 *   Chinese one — Hohhot, Urumqi, Lhasa, Shigatse …); other prefecture-level
 *   cities are the pinyin of their name (Hangzhou).
 * - Districts and counties: the pinyin of the name's stem plus its kind
 *   (Xihu District, Anji County, Yiwu City, Ejin Banner, Changyang Tujia
 *   Autonomous County), with the readings of place-name characters that a
 *   dictionary gets wrong corrected below (乐亭 Laoting, 洪洞 Hongtong …).
 *
 * Nothing is fetched: the romanization is done here, once, by the pinyin-pro
 * library (a developer tool, not a dependency of the app), and the result is
 * committed. Run it again after updating regions.json:
 *
 *   npm pack pinyin-pro@3 && tar xzf pinyin-pro-*.tgz   # in a scratch folder
 *   PINYIN_PRO=/scratch/package node scripts/region-names-en.mjs
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const lib = process.env.PINYIN_PRO;
if (!lib) {
  console.error('Set PINYIN_PRO to an unpacked pinyin-pro package (see the comment at the top of this script).');
  process.exit(1);
}
const { pinyin } = require(path.join(lib, 'dist/index.js'));
const regions = JSON.parse(fs.readFileSync(path.join(root, 'lib/reference/data/regions.json'), 'utf8'));

const PROVINCES = {
  北京市: 'Beijing', 天津市: 'Tianjin', 河北省: 'Hebei', 山西省: 'Shanxi', 内蒙古自治区: 'Inner Mongolia Autonomous Region',
  辽宁省: 'Liaoning', 吉林省: 'Jilin', 黑龙江省: 'Heilongjiang', 上海市: 'Shanghai', 江苏省: 'Jiangsu', 浙江省: 'Zhejiang',
  安徽省: 'Anhui', 福建省: 'Fujian', 江西省: 'Jiangxi', 山东省: 'Shandong', 河南省: 'Henan', 湖北省: 'Hubei', 湖南省: 'Hunan',
  广东省: 'Guangdong', 广西壮族自治区: 'Guangxi Zhuang Autonomous Region', 海南省: 'Hainan', 重庆市: 'Chongqing', 四川省: 'Sichuan',
  贵州省: 'Guizhou', 云南省: 'Yunnan', 西藏自治区: 'Xizang Autonomous Region', 陕西省: 'Shaanxi', 甘肃省: 'Gansu', 青海省: 'Qinghai',
  宁夏回族自治区: 'Ningxia Hui Autonomous Region', 新疆维吾尔自治区: 'Xinjiang Uygur Autonomous Region', 台湾省: 'Taiwan',
  香港特别行政区: 'Hong Kong SAR', 澳门特别行政区: 'Macao SAR',
};

/** Prefecture-level divisions whose official English name is not the plain pinyin of the Chinese. */
const PREFECTURES = {
  // Autonomous prefectures.
  延边朝鲜族自治州: 'Yanbian Korean Autonomous Prefecture', 恩施土家族苗族自治州: 'Enshi Tujia and Miao Autonomous Prefecture',
  湘西土家族苗族自治州: 'Xiangxi Tujia and Miao Autonomous Prefecture', 阿坝藏族羌族自治州: 'Ngawa Tibetan and Qiang Autonomous Prefecture',
  甘孜藏族自治州: 'Garze Tibetan Autonomous Prefecture', 凉山彝族自治州: 'Liangshan Yi Autonomous Prefecture',
  黔西南布依族苗族自治州: 'Qianxinan Bouyei and Miao Autonomous Prefecture', 黔东南苗族侗族自治州: 'Qiandongnan Miao and Dong Autonomous Prefecture',
  黔南布依族苗族自治州: 'Qiannan Bouyei and Miao Autonomous Prefecture', 楚雄彝族自治州: 'Chuxiong Yi Autonomous Prefecture',
  红河哈尼族彝族自治州: 'Honghe Hani and Yi Autonomous Prefecture', 文山壮族苗族自治州: 'Wenshan Zhuang and Miao Autonomous Prefecture',
  西双版纳傣族自治州: 'Xishuangbanna Dai Autonomous Prefecture', 大理白族自治州: 'Dali Bai Autonomous Prefecture',
  德宏傣族景颇族自治州: 'Dehong Dai and Jingpo Autonomous Prefecture', 怒江傈僳族自治州: 'Nujiang Lisu Autonomous Prefecture',
  迪庆藏族自治州: 'Diqing Tibetan Autonomous Prefecture', 临夏回族自治州: 'Linxia Hui Autonomous Prefecture',
  甘南藏族自治州: 'Gannan Tibetan Autonomous Prefecture', 海北藏族自治州: 'Haibei Tibetan Autonomous Prefecture',
  黄南藏族自治州: 'Huangnan Tibetan Autonomous Prefecture', 海南藏族自治州: 'Hainan Tibetan Autonomous Prefecture',
  果洛藏族自治州: 'Golog Tibetan Autonomous Prefecture', 玉树藏族自治州: 'Yushu Tibetan Autonomous Prefecture',
  海西蒙古族藏族自治州: 'Haixi Mongol and Tibetan Autonomous Prefecture', 昌吉回族自治州: 'Changji Hui Autonomous Prefecture',
  博尔塔拉蒙古自治州: 'Bortala Mongol Autonomous Prefecture', 巴音郭楞蒙古自治州: 'Bayingolin Mongol Autonomous Prefecture',
  克孜勒苏柯尔克孜自治州: 'Kizilsu Kirgiz Autonomous Prefecture', 伊犁哈萨克自治州: 'Ili Kazak Autonomous Prefecture',
  // Leagues and prefectures.
  兴安盟: 'Hinggan League', 锡林郭勒盟: 'Xilingol League', 阿拉善盟: 'Alxa League', 大兴安岭地区: "Daxing'anling Prefecture",
  阿里地区: 'Ngari Prefecture', 阿克苏地区: 'Aksu Prefecture', 喀什地区: 'Kashgar Prefecture', 和田地区: 'Hotan Prefecture',
  塔城地区: 'Tacheng Prefecture', 阿勒泰地区: 'Altay Prefecture',
  // Cities with names of their own in English.
  呼和浩特市: 'Hohhot', 呼伦贝尔市: 'Hulunbuir', 鄂尔多斯市: 'Ordos', 巴彦淖尔市: 'Bayannur', 乌兰察布市: 'Ulanqab',
  乌鲁木齐市: 'Urumqi', 克拉玛依市: 'Karamay', 吐鲁番市: 'Turpan', 哈密市: 'Hami', 拉萨市: 'Lhasa', 日喀则市: 'Shigatse',
  昌都市: 'Qamdo', 林芝市: 'Nyingchi', 那曲市: 'Nagqu', 哈尔滨市: 'Harbin', 齐齐哈尔市: 'Qiqihar', 六安市: "Lu'an",
  // Provincial placeholders (never shown, named for completeness).
  市辖区: 'Districts', 县: 'Counties', 省直辖县级行政区划: 'County-level divisions', 自治区直辖县级行政区划: 'County-level divisions',
};

/** Readings of place-name characters the dictionary gets wrong, by the name's stem. */
const STEMS = {
  乐亭: 'Laoting', 单: 'Shan', 洪洞: 'Hongtong', 涡阳: 'Guoyang', 珲春: 'Hunchun', 黄陂: 'Huangpi', 浚: 'Xun', 蔚: 'Yu',
  尉犁: 'Yuli', 大埔: 'Dabu', 六合: 'Luhe', 枞阳: 'Zongyang', 歙: 'She', 筠连: 'Junlian', 犍为: 'Qianwei', 郫都: 'Pidu',
  阆中: 'Langzhong', 荥阳: 'Xingyang', 荥经: 'Yingjing', 茌平: 'Chiping', 兖州: 'Yanzhou', 鄄城: 'Juancheng', 临朐: 'Linqu',
  沭阳: 'Shuyang', 盱眙: 'Xuyi', 睢宁: 'Suining', 睢: 'Sui', 濉溪: 'Suixi', 繁昌: 'Fanchang', 黟: 'Yi', 蕲春: 'Qichun',
  郧阳: 'Yunyang', 秭归: 'Zigui', 汨罗: 'Miluo', 耒阳: 'Leiyang', 乐清: 'Yueqing', 柘荣: 'Zherong', 鄱阳: 'Poyang',
  嵊州: 'Shengzhou', 柘城: 'Zhecheng', 郏: 'Jia', 武陟: 'Wuzhi', 渑池: 'Mianchi', 陕州: 'Shanzhou', 隰: 'Xi', 盂: 'Yu',
  繁峙: 'Fanshi', 藁城: 'Gaocheng', 井陉: 'Jingxing', 井陉矿: 'Jingxingkuang', 行唐: 'Xingtang', 乐陵: 'Leling', 费: 'Fei', 牟平: 'Muping',
  栖霞: 'Qixia', 即墨: 'Jimo', 崂山: 'Laoshan', 朝天: 'Chaotian', 都安: "Du'an", 都匀: 'Duyun', 会理: 'Huili', 会泽: 'Huize',
  会昌: 'Huichang', 会宁: 'Huining', 会东: 'Huidong', 长子: 'Zhangzi', 东阿: "Dong'e", 莘: 'Shen', 番禺: 'Panyu',
  厦门: 'Xiamen', 蚌山: 'Bengshan', 蚌埠: 'Bengbu', 亳: 'Bo', 丽水: 'Lishui', 丽江: 'Lijiang', 漯河: 'Luohe', 濮阳: 'Puyang',
  铅山: 'Yanshan', 婺源: 'Wuyuan', 婺城: 'Wucheng', 衢江: 'Qujiang', 邗江: 'Hanjiang', 郯城: 'Tancheng', 莒: 'Ju', 曲阜: 'Qufu',
  大冶: 'Daye', 监利: 'Jianli', 祁门: 'Qimen', 郓城: 'Yuncheng', 吉: 'Ji', 应: 'Ying', 长汀: 'Changting', 长乐: 'Changle',
  长沙: 'Changsha', 长安: "Chang'an", 长宁: 'Changning', 长寿: 'Changshou', 长清: 'Changqing', 长兴: 'Changxing',
};

/** County-level units that are not districts, counties, cities or banners. */
const DISTRICTS = {
  西沙群岛: 'Xisha Islands', 南沙群岛: 'Nansha Islands', 中沙群岛的岛礁及其海域: 'Zhongsha Islands', 大柴旦行政委员会: 'Da Qaidam Administrative Committee',
  乌拉盖管理区管委会: 'Ulgai Administrative District', 保定白沟新城: 'Baigou New Town',
};

/** Ethnic groups in autonomous county and banner names, longest first. */
const ETHNIC = [
  ['土家族', 'Tujia'], ['蒙古族', 'Mongol'], ['布依族', 'Bouyei'], ['仡佬族', 'Gelao'], ['傈僳族', 'Lisu'], ['达斡尔族', 'Daur'], ['鄂温克族', 'Ewenki'],
  ['鄂伦春族', 'Oroqen'], ['哈萨克族', 'Kazak'], ['哈尼族', 'Hani'], ['拉祜族', 'Lahu'], ['仫佬族', 'Mulam'], ['毛南族', 'Maonan'], ['撒拉族', 'Salar'],
  ['东乡族', 'Dongxiang'], ['保安族', 'Bonan'], ['裕固族', 'Yugur'], ['锡伯族', 'Xibe'], ['塔吉克族', 'Tajik'], ['独龙族', 'Derung'], ['普米族', 'Pumi'],
  ['纳西族', 'Naxi'], ['景颇族', 'Jingpo'], ['布朗族', 'Blang'], ['朝鲜族', 'Korean'], ['维吾尔族', 'Uygur'], ['回族', 'Hui'], ['苗族', 'Miao'],
  ['彝族', 'Yi'], ['壮族', 'Zhuang'], ['侗族', 'Dong'], ['瑶族', 'Yao'], ['白族', 'Bai'], ['傣族', 'Dai'], ['黎族', 'Li'], ['佤族', 'Va'],
  ['畲族', 'She'], ['水族', 'Shui'], ['羌族', 'Qiang'], ['藏族', 'Tibetan'], ['满族', 'Manchu'], ['怒族', 'Nu'], ['土族', 'Tu'], ['各族', 'Multi-ethnic'],
  ['蒙古', 'Mongol'], ['哈萨克', 'Kazak'],
];

const KINDS = [
  ['自治县', 'Autonomous County'], ['自治旗', 'Autonomous Banner'], ['林区', 'Forestry District'], ['特区', 'Special District'],
  ['新区', 'New Area'], ['矿区', 'Mining District'], ['区', 'District'], ['县', 'County'], ['市', 'City'], ['旗', 'Banner'],
];

/** Pinyin of a stem, syllables run together with an apostrophe before a, o, e ("Xi'an"), first letter capital. */
function romanize(stem) {
  if (STEMS[stem]) return STEMS[stem];
  const syllables = pinyin(stem, { toneType: 'none', type: 'array', v: true }).map((s) => s.replace(/v/g, 'ü'));
  const word = syllables.map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s)).join('');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Splits 长阳土家族 → ['长阳', ['Tujia']] (the ethnic groups at the end of an autonomous county's stem). */
function splitEthnic(stem) {
  const groups = [];
  let rest = stem;
  for (;;) {
    const hit = ETHNIC.find(([zh]) => rest.endsWith(zh) && rest.length > zh.length);
    if (!hit) break;
    groups.unshift(hit[1]);
    rest = rest.slice(0, -hit[0].length);
  }
  return [rest, groups];
}

const list = (xs) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

function countyName(name) {
  const kind = KINDS.find(([zh]) => name.endsWith(zh) && name.length > zh.length);
  if (!kind) return romanize(name);
  const stem = name.slice(0, -kind[0].length);
  if (kind[0].startsWith('自治')) {
    const [place, groups] = splitEthnic(stem);
    return `${romanize(place)} ${list(groups)} ${kind[1]}`.replace(/\s+/g, ' ');
  }
  return `${romanize(stem)} ${kind[1]}`;
}

function prefectureName(name) {
  if (PREFECTURES[name]) return PREFECTURES[name];
  if (name.endsWith('市')) return romanize(name.slice(0, -1));
  if (name.endsWith('地区')) return `${romanize(name.slice(0, -2))} Prefecture`;
  if (name.endsWith('盟')) return `${romanize(name.slice(0, -1))} League`;
  return romanize(name);
}

const out = {};
for (const p of regions) {
  out[p.code] = PROVINCES[p.name] ?? romanize(p.name.replace(/(省|市)$/, ''));
  for (const c of p.children ?? []) {
    // The county-level cities placed directly under a province (仙桃市 …) sit under a placeholder.
    out[c.code] = prefectureName(c.name);
    for (const d of c.children ?? []) out[d.code] = DISTRICTS[d.name] ?? countyName(d.name);
  }
}
const file = path.join(root, 'lib/reference/data/regions-en.json');
fs.writeFileSync(file, `${JSON.stringify(out, null, 0).replace(/,"/g, ',\n"')}\n`);
console.log(`wrote ${Object.keys(out).length} names to ${path.relative(root, file)}`);
