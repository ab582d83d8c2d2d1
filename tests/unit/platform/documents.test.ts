import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { AppError, translateError } from '@/lib/platform/errors';
import { checkDeclared, cleanFileName, inspectContent } from '@/lib/platform/documents/content';
import { acceptOf, declaredKind, defineSlots, formatBytes, MB, type SlotSpec } from '@/lib/platform/documents/slots';
import { signTicket, verifyTicket, type UploadTicket } from '@/lib/platform/documents/ticket';

const xlsxSlot: SlotSpec = { key: 'template', label: '模板', types: ['xlsx'], maxBytes: MB, required: true };
const message = async (p: Promise<unknown> | (() => unknown)) => {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return translateError(e as AppError);
  }
  throw new Error('expected a refusal');
};

describe('content check', () => {
  it('recognizes a real XLSX workbook and refuses a plain ZIP renamed .xlsx', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('人员').addRow(['姓名', '证书编号']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(await inspectContent(xlsxSlot, bytes, '名单.xlsx')).toMatchObject({ kind: 'xlsx', fileName: '名单.xlsx' });
    // A name without an extension gets the real one.
    expect((await inspectContent(xlsxSlot, bytes, '名单')).fileName).toBe('名单.xlsx');
    // A minimal empty ZIP archive (end-of-central-directory record only).
    const zip = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
    expect(await message(inspectContent(xlsxSlot, zip, 'fake.xlsx'))).toMatch(/^「fake\.xlsx」的实际内容是 ZIP 文件，本栏只接受 XLSX 文件/);
  });

  it('checks the declared name, type and size before anything is uploaded', async () => {
    const slot: SlotSpec = { key: 'photo', label: '照片', types: ['jpg', 'png'], maxBytes: 5 * MB, required: true };
    expect(checkDeclared(slot, 'a.JPEG', 100, '')).toBe('jpg');
    expect(checkDeclared(slot, 'noext', 100, 'image/png')).toBe('png');
    expect(await message(() => checkDeclared(slot, 'a.pdf', 100, 'application/pdf'))).toBe('「a.pdf」的文件类型不符合要求：本栏只接受 JPG/PNG 文件');
    expect(await message(() => checkDeclared(slot, 'a.jpg', 5 * MB + 1, 'image/jpeg'))).toBe('文件过大：本栏的文件不能超过 5 MB');
    expect(await message(() => checkDeclared(slot, 'a.jpg', 0, 'image/jpeg'))).toBe('文件是空的（0 字节），请重新选择文件');
  });

  it('cleans browser file names and formats limits', () => {
    expect(cleanFileName('C:\\Users\\张三\\扫描件.pdf')).toBe('扫描件.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b.pdf')).toBe('ab.pdf');
    expect(cleanFileName('///')).toBe('file');
    expect(formatBytes(5 * MB)).toBe('5 MB');
    expect(formatBytes(64 * 1024)).toBe('64 KB');
    expect(declaredKind('x.PDF')).toBe('pdf');
    expect(declaredKind('x.doc')).toBeNull();
    expect(acceptOf(['pdf', 'jpg'])).toBe('.pdf,application/pdf,.jpg,.jpeg,image/jpeg');
  });
});

describe('slots', () => {
  it('refuses duplicate keys and empty type lists', () => {
    const s = { key: 'a', label: 'A', types: ['pdf'] as SlotSpec['types'], maxBytes: 1, required: false };
    expect(() => defineSlots([s, s])).toThrow(/twice/);
    expect(() => defineSlots([{ ...s, types: [] }])).toThrow(/no file type/);
    expect(() => defineSlots([{ ...s, key: 'Bad Key' }])).toThrow(/snake_case/);
  });
});

describe('upload ticket', () => {
  const t: UploadTicket = { v: 1, key: 'uploads/x', slot: 'a', applicationId: null, userId: 'u', maxBytes: 10, fileName: 'a.pdf', replaceId: null, exp: Math.floor(Date.now() / 1000) + 60 };
  it('verifies our signature and expiry only', () => {
    const signed = signTicket('secret-1', t);
    expect(verifyTicket('secret-1', signed)).toEqual(t);
    expect(verifyTicket('secret-2', signed)).toBeNull();
    expect(verifyTicket('secret-1', signed, Date.now() + 120_000)).toBeNull();
    const [, sig] = signed.split('.');
    const forged = Buffer.from(JSON.stringify({ ...t, maxBytes: 1e9 })).toString('base64url');
    expect(verifyTicket('secret-1', `${forged}.${sig}`)).toBeNull();
    expect(verifyTicket('secret-1', 'garbage')).toBeNull();
  });
});
