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

describe('listWorkbook, awkward values', () => {
  it('escapes markup, drops characters XML cannot hold, names columns past Z, and cleans the sheet name', async () => {
    const columns = Array.from({ length: 28 }, (_, i) => ({ header: `列${i + 1}`, value: (r: { text: string }) => (i === 0 ? r.text : i === 27 ? `末列${r.text.length}` : i) }));
    const buf = await listWorkbook('导出/名单[2026]:*?', columns, [{ text: 'a < b & "c" > d\u0001\u0008 换行\n保留' }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('导出 名单 2026');
    expect(ws.getRow(2).getCell(1).value).toBe('a < b & "c" > d 换行\n保留');
    expect(ws.getRow(1).getCell(27).value).toBe('列27');
    expect(ws.getRow(1).getCell(28).value).toBe('列28');
    expect(ws.getRow(2).getCell(28).value).toBe(`末列${'a < b & "c" > d\u0001\u0008 换行\n保留'.length}`);
    expect(ws.getRow(2).getCell(2).value).toBe(1);
  });

  it('an empty list is a header row and nothing else', async () => {
    const buf = await listWorkbook('空', [{ header: '编号', value: (r: { n: string }) => r.n }], []);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets[0].rowCount).toBe(1);
    expect(wb.worksheets[0].getRow(1).getCell(1).value).toBe('编号');
  });
});
