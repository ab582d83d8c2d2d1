import { inArray, sql } from 'drizzle-orm';
import { accreditedInstitutions } from '@/db/schema';
import type { Db } from '@/db';
import { audit } from '@/lib/platform/audit';
import { defineAction, type StaffActor } from '@/lib/platform/auth/action-core';
import { AppError, isUniqueViolation } from '@/lib/platform/errors';
import { readSpreadsheet, sortRowErrors, type SheetRow, type SheetRowError } from '@/lib/platform/spreadsheet';
import {
  certificateNumberProblem,
  contactEmailSchema,
  importInstitutionsSchema,
  INSTITUTION_COLUMNS,
  INSTITUTION_IMPORT_MAX_BYTES,
  INSTITUTION_IMPORT_MAX_ROWS,
  normalizeCertificateNumber,
  type InstitutionColumn,
} from '../schemas';
import { INSTITUTION_STAFF_ACCESS } from './access';
import { createInstitutionAccounts } from './accounts';

/**
 * Staff import of the accredited-institution registry from .xlsx or .csv
 * (header 证书编号, 机构名称, 联系邮箱). Every row is checked first; if any is
 * wrong nothing is written and the errors come back per row and column.
 * Otherwise, in one transaction: new certificate numbers are added, known ones
 * get the file's name and email, and every row without an organization account
 * gets one (no password until the institution retrieves one).
 */
export type InstitutionRowError = SheetRowError;
export type InstitutionImportResult = { created: number; updated: number; unchanged: number; accountsCreated: number; errors: InstitutionRowError[] };

type ValidRow = { row: number; certificateNumber: string; name: string; contactEmail: string };

function checkRow(r: SheetRow<InstitutionColumn>, errors: InstitutionRowError[]): ValidRow | null {
  const before = errors.length;
  const err = (column: InstitutionColumn, message: string) => errors.push({ row: r.row, column, message });

  const certificateNumber = normalizeCertificateNumber(r.cells['证书编号'] ?? '');
  const certProblem = certificateNumberProblem(certificateNumber);
  if (certProblem) err('证书编号', certProblem);

  const name = (r.cells['机构名称'] ?? '').replace(/\s+/g, ' ');
  if (!name) err('机构名称', '机构名称不能为空');
  else if (name.length > 200) err('机构名称', '机构名称不能超过200个字');

  const rawEmail = r.cells['联系邮箱'] ?? '';
  const email = contactEmailSchema.safeParse(rawEmail.replace(/^mailto:/i, ''));
  if (!rawEmail) err('联系邮箱', '联系邮箱不能为空');
  else if (!email.success) err('联系邮箱', `${email.error.issues[0]?.message ?? '联系邮箱格式不正确'}（${rawEmail}）`);

  if (errors.length > before || !email.success) return null;
  return { row: r.row, certificateNumber, name, contactEmail: email.data };
}

function checkDuplicates(rows: ValidRow[], errors: InstitutionRowError[]) {
  const first = new Map<string, number>();
  for (const r of rows) {
    const seen = first.get(r.certificateNumber);
    if (seen !== undefined) errors.push({ row: r.row, column: '证书编号', message: `证书编号与第 ${seen} 行重复` });
    else first.set(r.certificateNumber, r.row);
  }
}

export async function importInstitutions(db: Db, actor: StaffActor, file: { fileName: string; content: Buffer }, ctx: { ip: string | null } = { ip: null }): Promise<InstitutionImportResult> {
  const parsed = await readSpreadsheet(file, { columns: INSTITUTION_COLUMNS, maxBytes: INSTITUTION_IMPORT_MAX_BYTES, maxRows: INSTITUTION_IMPORT_MAX_ROWS });
  const errors = [...parsed.errors];
  const valid = parsed.rows.map((r) => checkRow(r, errors)).filter((r): r is ValidRow => r !== null);
  checkDuplicates(valid, errors);
  if (errors.length) return { created: 0, updated: 0, unchanged: 0, accountsCreated: 0, errors: sortRowErrors(errors, INSTITUTION_COLUMNS) };

  try {
    return await db.transaction(async (tx) => {
      const existing = new Map<string, typeof accreditedInstitutions.$inferSelect>();
      for (let i = 0; i < valid.length; i += 1000) {
        const chunk = valid.slice(i, i + 1000).map((r) => r.certificateNumber);
        // FOR UPDATE: a concurrent import or email change of the same rows waits for this one.
        for (const row of await tx.select().from(accreditedInstitutions).where(inArray(accreditedInstitutions.certificateNumber, chunk)).for('update')) {
          existing.set(row.certificateNumber, row);
        }
      }

      const fresh = valid.filter((r) => !existing.has(r.certificateNumber));
      const changed = valid.filter((r) => {
        const e = existing.get(r.certificateNumber);
        return e && (e.name !== r.name || e.contactEmail !== r.contactEmail);
      });

      const inserted: Array<{ id: string; certificateNumber: string; name: string; contactEmail: string }> = [];
      for (let i = 0; i < fresh.length; i += 500) {
        inserted.push(
          ...(await tx
            .insert(accreditedInstitutions)
            .values(fresh.slice(i, i + 500).map((r) => ({ certificateNumber: r.certificateNumber, name: r.name, contactEmail: r.contactEmail })))
            .returning({ id: accreditedInstitutions.id, certificateNumber: accreditedInstitutions.certificateNumber, name: accreditedInstitutions.name, contactEmail: accreditedInstitutions.contactEmail })),
        );
      }
      for (let i = 0; i < changed.length; i += 500) {
        const values = sql.join(
          changed.slice(i, i + 500).map((r) => sql`(${existing.get(r.certificateNumber)!.id}::uuid, ${r.name}, ${r.contactEmail})`),
          sql`, `,
        );
        await tx.execute(sql`
          update ${accreditedInstitutions} as a set name = v.name, contact_email = v.email, updated_at = now()
          from (values ${values}) as v(id, name, email) where a.id = v.id`);
      }

      // Rows without an account: the new ones, and known ones whose account was removed.
      const byCert = new Map(valid.map((r) => [r.certificateNumber, r]));
      const needAccount = [
        ...inserted,
        ...[...existing.values()].filter((e) => !e.userId).map((e) => ({ id: e.id, certificateNumber: e.certificateNumber, name: byCert.get(e.certificateNumber)!.name, contactEmail: byCert.get(e.certificateNumber)!.contactEmail })),
      ];
      const accounts = await createInstitutionAccounts(tx, needAccount);

      const result = { created: fresh.length, updated: changed.length, unchanged: valid.length - fresh.length - changed.length, accountsCreated: accounts.length, errors: [] };
      await audit(tx, {
        action: 'accreditation.institutions_imported',
        actorId: actor.id,
        targetType: 'accredited_institution',
        ip: ctx.ip,
        detail: { fileName: file.fileName, rows: valid.length, created: result.created, updated: result.updated, unchanged: result.unchanged, accountsCreated: result.accountsCreated },
      });
      return result;
    });
  } catch (e) {
    // Another import committed the same certificate numbers (or drew the same login name) meanwhile.
    if (isUniqueViolation(e, 'accredited_institutions_certificateNumber_unique') || isUniqueViolation(e, 'users_username_unique')) {
      throw new AppError('CONFLICT', { messageKey: 'accreditedInstitutions.errors.importConflict' });
    }
    throw e;
  }
}

export const importInstitutionsDef = defineAction({
  access: INSTITUTION_STAFF_ACCESS,
  schema: importInstitutionsSchema,
  handler: async ({ db, actor, input, ip }) => {
    const content = Buffer.from(input.contentBase64, 'base64');
    if (content.length > INSTITUTION_IMPORT_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', { messageKey: 'legacyFileTooLarge' });
    return importInstitutions(db, actor, { fileName: input.fileName, content }, { ip });
  },
});
