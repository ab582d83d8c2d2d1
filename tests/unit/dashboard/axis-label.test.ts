import { describe, expect, it } from 'vitest';
import { axisLabel } from '@/components/dashboard/chart-figure';

describe('a chart category on its axis', () => {
  it('stays whole when short', () => {
    expect(axisLabel('认可预申请 · 待受理')).toBe('认可预申请 · 待受理');
    expect(axisLabel('11-30 起一周')).toBe('11-30 起一周');
  });

  it('loses its middle when long, keeping both ends and the given length', () => {
    const long = '2026年度第四次认证人员注册全国统一考试 · 北京';
    const short = axisLabel(long);
    expect([...short]).toHaveLength(12);
    expect(short.startsWith('2026年')).toBe(true);
    expect(short.endsWith(' · 北京')).toBe(true);
    expect(short).toContain('…');
    expect(axisLabel(long, 8)).toBe('2026… 北京');
  });
});
