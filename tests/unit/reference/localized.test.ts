import { describe, expect, it } from 'vitest';
import { educationLevels } from '@/lib/reference/education';
import { ethnicityOptions } from '@/lib/reference/ethnicities';
import { educationLabel, ethnicityLabel, idTypeLabel, localizedOptions, nationalityLabel } from '@/lib/reference/localized';
import { regionLabel, regionName, regionPath, regions } from '@/lib/reference/regions';

describe('reference data in English (issue #18 §11)', () => {
  it('every ethnic group, education level and region has an English name without Chinese characters', () => {
    const cjk = /[\u3400-\u9fff]/;
    for (const o of [...localizedOptions(ethnicityOptions, 'en'), ...localizedOptions(educationLevels, 'en')]) expect(o.name, o.code).not.toMatch(cjk);
    const walk = (nodes: typeof regions): string[] => nodes.flatMap((n) => [n.code, ...walk(n.children ?? [])]);
    const codes = walk(regions);
    expect(codes.length).toBeGreaterThan(3000);
    for (const code of codes) expect(regionName(code, 'en'), code).not.toMatch(cjk);
  });

  it('official names for provinces and prefectures, pinyin with the kind for districts', () => {
    expect(regionPath('330106', ' ', 'en')).toBe('Xihu District, Hangzhou, Zhejiang');
    expect(regionPath('330106')).toBe('浙江省 杭州市 西湖区');
    expect(regionPath('110101', ' ', 'en')).toBe('Dongcheng District, Beijing');
    expect(regionName('540100', 'en')).toBe('Lhasa');
    expect(regionName('650100', 'en')).toBe('Urumqi');
    expect(regionName('532800', 'en')).toBe('Xishuangbanna Dai Autonomous Prefecture');
    expect(regionName('450000', 'en')).toBe('Guangxi Zhuang Autonomous Region');
    expect(regionName('420528', 'en')).toBe('Changyang Tujia Autonomous County');
    expect(regionName('610100', 'en')).toBe("Xi'an");
    expect(regionName('130225', 'en')).toBe('Laoting County');
  });

  it('labels follow the locale: Chinese by default, English for en', () => {
    expect([ethnicityLabel('04', 'zh-CN'), ethnicityLabel('04', 'en')]).toEqual(['藏族', 'Tibetan']);
    expect([educationLabel('21', 'zh-CN'), educationLabel('21', 'en')]).toEqual(['大学本科', "Bachelor's (undergraduate)"]);
    expect([nationalityLabel('CN', 'zh-CN'), nationalityLabel('CN', 'en')]).toEqual(['中国', 'China']);
    expect([idTypeLabel('resident_id', 'zh-CN'), idTypeLabel('resident_id', 'en')]).toEqual(['居民身份证', 'Resident Identity Card']);
    expect([regionLabel('330106', 'zh-CN'), regionLabel('330106', 'en')]).toEqual(['浙江省 杭州市 西湖区', 'Xihu District, Hangzhou, Zhejiang']);
    expect(ethnicityLabel('xx', 'en')).toBe('xx');
  });
});
