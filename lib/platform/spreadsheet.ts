import ExcelJS from 'exceljs';
import { AppError } from './errors';

/**
 * Reading staff import files (.xlsx or .csv) into rows keyed by header name.
 * The header row is the first non-empty row and is matched by name (stars and
 * spaces ignored, any order, extra columns ignored); a missing column is an
 * error on row 1, unless it is one of `optionalColumns` (then its cells read
 * as empty). Row numbers are the ones the user sees in Excel, so per-row
 * error reports point at the right line. Checking the cells is the caller's job.
 */
export type SheetRowError = { row: number; column: string; message: string };
export type SheetRow<C extends string> = { row: number; cells: Partial<Record<C, string>> };
export type ParsedSheet<C extends string> = { rows: SheetRow<C>[]; errors: SheetRowError[] };

/** Message keys (under `errors.`, or dotted keys of an area namespace) for the file-level refusals. */
export type SheetMessages = { empty: string; tooManyRows: string; unreadable: string; tooLarge: string; fileType: string };
// The legacy import's keys came first; their texts are not specific to it.
const DEFAULT_MESSAGES: SheetMessages = {
  empty: 'legacyFileEmpty',
  tooManyRows: 'legacyTooManyRows',
  unreadable: 'legacyFileUnreadable',
  tooLarge: 'legacyFileTooLarge',
  fileType: 'legacyFileType',
};

export type SheetOptions<C extends string> = { columns: readonly C[]; optionalColumns?: readonly C[]; maxBytes: number; maxRows: number; messages?: Partial<SheetMessages> };

type RawRecord = { row: number; values: string[] };

const normalizeHeader = (h: string) => h.replace(/^\uFEFF/, '').replace(/[*＊\s]/g, '');

function headerMap<C extends string>(header: string[], columns: readonly C[], optional: readonly C[] = []): { map: Map<C, number>; errors: SheetRowError[] } {
  const normalized = header.map(normalizeHeader);
  const map = new Map<C, number>();
  const errors: SheetRowError[] = [];
  for (const col of columns) {
    const i = normalized.indexOf(col);
    if (i >= 0) map.set(col, i);
    else if (!optional.includes(col)) errors.push({ row: 1, column: col, message: `缺少“${col}”列，表头应为：${columns.join('，')}` });
  }
  return { map, errors };
}

function toRows<C extends string>(records: RawRecord[], opts: SheetOptions<C>, m: SheetMessages): ParsedSheet<C> {
  const [head, ...body] = records;
  if (!head) throw new AppError('BAD_INPUT', { messageKey: m.empty });
  const { map, errors } = headerMap(head.values, opts.columns, opts.optionalColumns);
  if (errors.length) return { rows: [], errors };
  const rows = body
    .filter((r) => r.values.some((v) => v.trim() !== ''))
    .map((r) => ({ row: r.row, cells: Object.fromEntries([...map].map(([col, i]) => [col, (r.values[i] ?? '').trim()])) as SheetRow<C>['cells'] }));
  if (!rows.length) throw new AppError('BAD_INPUT', { messageKey: m.empty });
  if (rows.length > opts.maxRows) throw new AppError('BAD_INPUT', { messageKey: m.tooManyRows, params: { max: opts.maxRows } });
  return { rows, errors: [] };
}

/** CSV as Excel writes it: UTF-8 (with or without BOM) or GB18030. */
export function decodeCsv(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

/** RFC 4180 fields: quoted fields (with "" for a quote and embedded line breaks), CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      out.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    out.push(row);
  }
  return out;
}

/** The first worksheet's non-empty rows as cell texts (what Excel shows, also for hyperlinks and rich text). */
async function readXlsx(buf: Buffer, minColumns: number, m: SheetMessages): Promise<RawRecord[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new AppError('UNSUPPORTED_FILE', { messageKey: m.unreadable });
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('BAD_INPUT', { messageKey: m.empty });
  const records: RawRecord[] = [];
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const values: string[] = [];
    for (let c = 1; c <= Math.max(r.cellCount, minColumns); c++) values.push(r.getCell(c).text ?? '');
    records.push({ row: rowNumber, values });
  });
  return records;
}

/** Reads an import file by its extension; size, type and row-count limits are refused as AppErrors. */
export async function readSpreadsheet<C extends string>(file: { fileName: string; content: Buffer }, opts: SheetOptions<C>): Promise<ParsedSheet<C>> {
  const m = { ...DEFAULT_MESSAGES, ...opts.messages };
  if (file.content.length > opts.maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', { messageKey: m.tooLarge });
  if (/\.xlsx$/i.test(file.fileName)) return toRows(await readXlsx(file.content, opts.columns.length, m), opts, m);
  if (/\.csv$/i.test(file.fileName)) return toRows(parseCsv(decodeCsv(file.content)).map((values, i) => ({ row: i + 1, values })), opts, m);
  throw new AppError('UNSUPPORTED_FILE', { messageKey: m.fileType });
}

/** Sorts row errors by row, then by the column's position in the header. */
export function sortRowErrors(errors: SheetRowError[], columns: readonly string[]): SheetRowError[] {
  return errors.sort((a, b) => a.row - b.row || columns.indexOf(a.column) - columns.indexOf(b.column));
}
