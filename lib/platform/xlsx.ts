import ExcelJS from 'exceljs';

/**
 * Staff list exports (SPEC §1.6): one sheet, bold frozen header, auto-filter.
 * Callers pass translated headers and already formatted cell values.
 */
export type SheetColumn<R> = { header: string; width?: number; value: (row: R) => string | number | null | undefined };

export async function listWorkbook<R>(sheetName: string, columns: SheetColumn<R>[], rows: R[], note?: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date();
  const ws = wb.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width ?? 18 }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(Object.fromEntries(columns.map((c, i) => [`c${i}`, c.value(r) ?? ''])));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  if (note) ws.addRow([note]).font = { italic: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
