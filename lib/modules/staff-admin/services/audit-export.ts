import { contentDisposition } from '@/lib/platform/pdf/http';
import ExcelJS from 'exceljs';
import type { AuditItem } from './audit-search';

/** The audit rows as an .xlsx workbook (one sheet, a frozen header row, auto-filter). */
export type AuditSheetText = {
  sheetName: string;
  columns: { id: string; at: string; action: string; actionKey: string; result: string; actorName: string; actorUsername: string; ip: string; target: string; detail: string };
  success: string;
  failure: string;
  truncatedNote?: string;
};

export async function auditWorkbook(
  items: AuditItem[],
  text: AuditSheetText,
  fmt: { time: (d: Date) => string; action: (key: string) => string },
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date();
  const ws = wb.addWorksheet(text.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const c = text.columns;
  ws.columns = [
    { header: c.id, key: 'id', width: 10 },
    { header: c.at, key: 'at', width: 20 },
    { header: c.action, key: 'action', width: 18 },
    { header: c.actionKey, key: 'actionKey', width: 26 },
    { header: c.result, key: 'result', width: 8 },
    { header: c.actorName, key: 'actorName', width: 16 },
    { header: c.actorUsername, key: 'actorUsername', width: 18 },
    { header: c.ip, key: 'ip', width: 16 },
    { header: c.target, key: 'target', width: 40 },
    { header: c.detail, key: 'detail', width: 80 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const it of items) {
    ws.addRow({
      id: it.id,
      at: fmt.time(it.at),
      action: fmt.action(it.action),
      actionKey: it.action,
      result: it.success ? text.success : text.failure,
      actorName: it.actorName ?? '',
      actorUsername: it.actorUsername ?? '',
      ip: it.ip ?? '',
      target: it.targetType ? `${it.targetType}:${it.targetId ?? ''}` : '',
      // Always a string cell: nothing a user typed (e.g. a sign-in identifier) becomes a formula.
      detail: it.detail == null ? '' : JSON.stringify(it.detail),
    });
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ws.columns.length } };
  if (text.truncatedNote) ws.addRow([text.truncatedNote]).font = { italic: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 审计日志-YYYYMMDD.xlsx, the date in China. */
export function auditExportFilename(now = new Date()): string {
  const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now).replaceAll('-', '');
  return `审计日志-${ymd}.xlsx`;
}

/** A Content-Disposition for a non-ASCII file name: an ASCII fallback plus the RFC 5987 `filename*`. */
/** Kept for the audit export; the encoding lives in one place (lib/platform/pdf/http.ts). */
export function attachmentDisposition(filename: string, asciiFallback: string): string {
  return contentDisposition(filename, { asciiFallback });
}
