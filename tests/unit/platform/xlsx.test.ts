import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { listWorkbook } from '@/lib/platform/xlsx';

describe('listWorkbook', () => {
  it('writes one sheet with a bold frozen header, an auto-filter, every row and the note', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => ({ number: `BQ${String(i).padStart(6, '0')}`, name: `申请人${i}`, fee: i * 100 }));
    const buf = await listWorkbook(
      '申请列表（导出）',
      [
        { header: '编号', value: (r) => r.number },
        { header: '申请人', width: 30, value: (r) => r.name },
        { header: '金额（分）', value: (r) => r.fee },
        { header: '备注', value: () => null },
      ],
      rows,
      '仅导出前 1,200 条',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets).toHaveLength(1);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('申请列表（导出）');
    expect(ws.getRow(1).values).toEqual([undefined, '编号', '申请人', '金额（分）', '备注']);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getColumn(2).width).toBe(30);
    expect(ws.rowCount).toBe(1 + 1200 + 1);
    expect(ws.getRow(2).values).toEqual([undefined, 'BQ000000', '申请人0', 0]);
    // An empty value is an empty cell.
    expect(ws.getRow(2).getCell(4).value ?? '').toBe('');
    expect(ws.getRow(1201).getCell(3).value).toBe(119_900);
    expect(ws.getRow(1202).getCell(1).value).toBe('仅导出前 1,200 条');
    expect(ws.getRow(1202).font?.italic).toBe(true);
  });
});
