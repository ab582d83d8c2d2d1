import { count, inArray, isNotNull, or, sql } from 'drizzle-orm';
import { legacyAccounts, organizations, users } from '@/db/schema';
import type { Db } from '@/db';
import { audit } from '@/lib/platform/audit';
import { defineAction, type StaffActor } from '@/lib/platform/auth/action-core';
import { hashPassword } from '@/lib/platform/auth/password';
import { AppError, isUniqueViolation } from '@/lib/platform/errors';
import { parseCsv, readSpreadsheet, sortRowErrors, type ParsedSheet, type SheetRow, type SheetRowError } from '@/lib/platform/spreadsheet';
import { isValidRegionCode } from '@/lib/reference/regions';
import { isValidMainlandMobile, validateUnifiedSocialCreditCode } from '@/lib/reference/validators';
import { importLegacySchema, LEGACY_COLUMNS, LEGACY_IMPORT_MAX_BYTES, LEGACY_IMPORT_MAX_ROWS } from '../legacy-schemas';

/**
 * Import of old-system accounts (老系统用户) from an .xlsx or .csv file with
 * the header row 账号,密码,单位名称,统一社会信用代码,联系人,联系电话,所在地区代码.
 * Every row is checked first; if any is wrong nothing is imported and the
 * errors come back per row and column. Otherwise all rows go in in one
 * transaction. 密码 is a one-time password (hashed here) or an argon2 hash
 * migrated from the old system (kept as is).
 */
export type LegacyColumn = (typeof LEGACY_COLUMNS)[number];
export type LegacyRowError = SheetRowError;
export type LegacyImportResult = { imported: number; errors: LegacyRowError[] };

type RawRow = SheetRow<LegacyColumn>;
type ParsedFile = ParsedSheet<LegacyColumn>;

const ARGON2_HASH = /^\$argon2(id|i|d)\$/;

// Kept for callers of this module; the parser is shared with other staff imports.
export { parseCsv };

export function parseLegacyFile(fileName: string, buf: Buffer): Promise<ParsedFile> {
  return readSpreadsheet({ fileName, content: buf }, { columns: LEGACY_COLUMNS, maxBytes: LEGACY_IMPORT_MAX_BYTES, maxRows: LEGACY_IMPORT_MAX_ROWS });
}

// ---------------------------------------------------------------------------
// Checking the rows
// ---------------------------------------------------------------------------

type ValidRow = {
  row: number;
  legacyUsername: string;
  password: string;
  orgName: string;
  creditCode: string | null;
  contactName: string | null;
  contactPhone: string | null;
  regionCode: string | null;
};

function checkRow(r: RawRow, errors: LegacyRowError[]): ValidRow | null {
  const before = errors.length;
  const err = (column: LegacyColumn, message: string) => errors.push({ row: r.row, column, message });
  const v = (c: LegacyColumn) => r.cells[c] ?? '';

  const username = v('账号');
  if (!username) err('账号', '账号不能为空');
  else if (username.length > 64) err('账号', '账号不能超过64个字符');
  else if (/\s/.test(username)) err('账号', '账号不能包含空格');

  const password = v('密码');
  if (!password) err('密码', '密码不能为空');
  else if (!ARGON2_HASH.test(password) && (password.length < 6 || password.length > 64)) err('密码', '密码长度须为6–64位（或填写老系统导出的 argon2 密码哈希）');

  const orgName = v('单位名称');
  if (!orgName) err('单位名称', '单位名称不能为空');
  else if (orgName.length > 100) err('单位名称', '单位名称不能超过100个字');

  const creditCode = v('统一社会信用代码').toUpperCase();
  if (creditCode) {
    const c = validateUnifiedSocialCreditCode(creditCode);
    if (!c.ok) err('统一社会信用代码', c.reason);
  }

  const contactName = v('联系人');
  if (contactName.length > 50) err('联系人', '联系人不能超过50个字');

  const phone = v('联系电话').replace(/\s+/g, '');
  if (phone) {
    if (/^\d{11}$/.test(phone)) {
      if (!isValidMainlandMobile(phone)) err('联系电话', '手机号码格式不正确，应为1开头的11位有效手机号');
    } else if (!/^[\d()+-]{5,30}$/.test(phone)) err('联系电话', '联系电话格式不正确，应为11位手机号或固定电话（如 0571-88880000）');
  }

  const regionCode = v('所在地区代码');
  if (regionCode && !isValidRegionCode(regionCode)) err('所在地区代码', '地区代码无效，应为6位行政区划代码（如 330106）');

  if (errors.length > before) return null;
  return { row: r.row, legacyUsername: username, password, orgName, creditCode: creditCode || null, contactName: contactName || null, contactPhone: phone || null, regionCode: regionCode || null };
}

/** Duplicates within the file and against what the database already holds. */
async function checkDuplicates(db: Db, rows: ValidRow[], errors: LegacyRowError[]) {
  const firstByName = new Map<string, number>();
  const firstByCode = new Map<string, number>();
  for (const r of rows) {
    const name = r.legacyUsername.toLowerCase();
    const seen = firstByName.get(name);
    if (seen !== undefined) errors.push({ row: r.row, column: '账号', message: `账号与第 ${seen} 行重复` });
    else firstByName.set(name, r.row);
    if (r.creditCode) {
      const seenCode = firstByCode.get(r.creditCode);
      if (seenCode !== undefined) errors.push({ row: r.row, column: '统一社会信用代码', message: `统一社会信用代码与第 ${seenCode} 行重复` });
      else firstByCode.set(r.creditCode, r.row);
    }
  }

  const names = [...firstByName.keys()];
  const codes = [...firstByCode.keys()];
  const taken = new Map<string, string>();
  const takenCodes = new Map<string, string>();
  for (let i = 0; i < names.length; i += 1000) {
    const chunk = names.slice(i, i + 1000);
    for (const x of await db.select({ n: legacyAccounts.legacyUsername }).from(legacyAccounts).where(inArray(sql`lower(${legacyAccounts.legacyUsername})`, chunk))) {
      taken.set(x.n.toLowerCase(), '该账号已导入过，不能重复导入');
    }
    // A login name must identify one account: no clash with a username, mobile or ID number in use.
    const upper = chunk.map((n) => n.toUpperCase());
    const clash = await db
      .select({ username: users.username, mobile: users.mobile, idNumber: users.idNumber })
      .from(users)
      .where(or(inArray(sql`lower(${users.username})`, chunk), inArray(users.mobile, chunk), inArray(users.idNumber, upper)));
    for (const x of clash) {
      for (const v of [x.username, x.mobile, x.idNumber]) if (v && firstByName.has(v.toLowerCase()) && !taken.has(v.toLowerCase())) taken.set(v.toLowerCase(), '该账号与新系统中已有账户的登录名冲突');
    }
  }
  for (let i = 0; i < codes.length; i += 1000) {
    const chunk = codes.slice(i, i + 1000);
    for (const x of await db.select({ c: organizations.creditCode }).from(organizations).where(inArray(organizations.creditCode, chunk))) {
      if (x.c) takenCodes.set(x.c, '该统一社会信用代码已在新系统注册');
    }
    for (const x of await db.select({ c: legacyAccounts.creditCode }).from(legacyAccounts).where(inArray(legacyAccounts.creditCode, chunk))) {
      if (x.c && !takenCodes.has(x.c)) takenCodes.set(x.c, '该统一社会信用代码已存在于已导入的老系统账户中');
    }
  }
  for (const r of rows) {
    const m = taken.get(r.legacyUsername.toLowerCase());
    if (m) errors.push({ row: r.row, column: '账号', message: m });
    const c = r.creditCode ? takenCodes.get(r.creditCode) : undefined;
    if (c) errors.push({ row: r.row, column: '统一社会信用代码', message: c });
  }
}

/** argon2 is deliberately slow: hash a few at a time. */
async function hashAll(passwords: string[], concurrency = 4): Promise<string[]> {
  const out: string[] = new Array(passwords.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, passwords.length) }, async () => {
      while (next < passwords.length) {
        const i = next++;
        out[i] = ARGON2_HASH.test(passwords[i]) ? passwords[i] : await hashPassword(passwords[i]);
      }
    }),
  );
  return out;
}

// ---------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------

export async function importLegacyAccounts(db: Db, actor: StaffActor, file: { fileName: string; content: Buffer }, ctx: { ip: string | null } = { ip: null }): Promise<LegacyImportResult> {
  const parsed = await parseLegacyFile(file.fileName, file.content);
  const errors = [...parsed.errors];
  const valid = parsed.rows.map((r) => checkRow(r, errors)).filter((r): r is ValidRow => r !== null);
  await checkDuplicates(db, valid, errors);
  if (errors.length) {
    return { imported: 0, errors: sortRowErrors(errors, LEGACY_COLUMNS) };
  }

  const hashes = await hashAll(valid.map((r) => r.password));
  try {
    await db.transaction(async (tx) => {
      for (let i = 0; i < valid.length; i += 500) {
        await tx.insert(legacyAccounts).values(
          valid.slice(i, i + 500).map((r, j) => ({
            legacyUsername: r.legacyUsername,
            passwordHash: hashes[i + j],
            orgName: r.orgName,
            creditCode: r.creditCode,
            contactName: r.contactName,
            contactPhone: r.contactPhone,
            regionCode: r.regionCode,
            importedBy: actor.id,
          })),
        );
      }
      await audit(tx, { action: 'legacy.imported', actorId: actor.id, targetType: 'legacy_account', ip: ctx.ip, detail: { count: valid.length, fileName: file.fileName } });
    });
  } catch (e) {
    // Another import of the same accounts committed between the check and this insert.
    if (isUniqueViolation(e, 'legacy_accounts_legacyUsername_unique')) throw new AppError('CONFLICT', { messageKey: 'legacyImportConflict' });
    throw e;
  }
  return { imported: valid.length, errors: [] };
}

/** Counts for the staff page. */
export async function legacyStats(db: Db): Promise<{ imported: number; activated: number }> {
  const [all] = await db.select({ n: count() }).from(legacyAccounts);
  const [done] = await db.select({ n: count() }).from(legacyAccounts).where(isNotNull(legacyAccounts.activatedAt));
  return { imported: Number(all.n), activated: Number(done.n) };
}

export const importLegacyDef = defineAction({
  access: { kind: 'staff', roles: ['admin'] },
  schema: importLegacySchema,
  handler: async ({ db, actor, input, ip }) => {
    const content = Buffer.from(input.contentBase64, 'base64');
    if (content.length > LEGACY_IMPORT_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', { messageKey: 'legacyFileTooLarge' });
    return importLegacyAccounts(db, actor, { fileName: input.fileName, content }, { ip });
  },
});
