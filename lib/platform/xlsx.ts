import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * Staff list exports (SPEC §1.6): one sheet, bold frozen header, auto-filter.
 * Callers pass translated headers and already formatted cell values.
 *
 * Written with exceljs's streaming writer (each row serialized as it is added,
 * strings inline, fast deflate) rather than the in-memory workbook: a 10,000-row
 * export is the instance's largest single piece of CPU work on the staff side
 * (BENCHMARKS.md, staff queue at 1,000,000 applications).
 */
export type SheetColumn<R> = { header: string; width?: number; value: (row: R) => string | number | null | undefined };

export async function listWorkbook<R>(sheetName: string, columns: SheetColumn<R>[], rows: R[], note?: string): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } });
  wb.created = new Date();
  const ws = wb.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width ?? 18 }));
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  for (const r of rows) ws.addRow(Object.fromEntries(columns.map((c, i) => [`c${i}`, c.value(r) ?? '']))).commit();
  if (note) {
    const row = ws.addRow([note]);
    row.font = { italic: true };
    row.commit();
  }
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
