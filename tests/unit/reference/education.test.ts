import { describe, it, expect } from 'vitest';
import {
  educationLevels,
  educationCodes,
  academicDegrees,
  findEducationLevel,
  isValidEducationLevel,
  findAcademicDegree,
  isValidAcademicDegree,
  meetsEducationRequirement,
} from '@/lib/reference/education';

describe('education levels', () => {
  it('contains the form levels, highest first, with unique codes', () => {
    const names = educationLevels.map((l) => l.name);
    for (const n of ['博士研究生', '硕士研究生', '大学本科', '大学专科', '中等专科', '高中', '初中及以下']) {
      expect(names).toContain(n);
    }
    expect(new Set(educationLevels.map((l) => l.code)).size).toBe(educationLevels.length);
    const ranks = educationLevels.map((l) => l.rank);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
    for (const l of educationLevels) expect(l.code).toMatch(/^\d{2}$/);
  });

  it('uses GB/T 4658 codes', () => {
    expect(findEducationLevel('11')?.name).toBe('博士研究生');
    expect(findEducationLevel('21')?.name).toBe('大学本科');
    expect(findEducationLevel('31')?.name).toBe('大学专科');
    expect(educationCodes.find((c) => c.code === '21')?.name).toBe('大学本科毕业');
    expect(new Set(educationCodes.map((c) => c.code)).size).toBe(educationCodes.length);
    expect(isValidEducationLevel('21')).toBe(true);
    expect(isValidEducationLevel('99')).toBe(false);
  });

  it('compares levels', () => {
    expect(meetsEducationRequirement('14', '21')).toBe(true);
    expect(meetsEducationRequirement('21', '21')).toBe(true);
    expect(meetsEducationRequirement('31', '21')).toBe(false);
    expect(meetsEducationRequirement('61', '41')).toBe(true);
    expect(meetsEducationRequirement('99', '21')).toBe(false);
    expect(meetsEducationRequirement('21', '99')).toBe(false);
  });
});

describe('academic degrees', () => {
  it('lists 博士, 硕士, 学士 and 无', () => {
    expect(academicDegrees.map((d) => d.name)).toEqual(['博士', '硕士', '学士', '无']);
    expect(findAcademicDegree('4')?.name).toBe('学士');
    expect(isValidAcademicDegree('2')).toBe(true);
    expect(isValidAcademicDegree('9')).toBe(false);
  });
});
