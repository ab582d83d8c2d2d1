import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { accreditedInstitutions, applications, outbox } from '@/db/schema';
import { importInstitutions } from '@/lib/modules/accreditation/institutions/services/import-institutions';
import { exportInstitutions } from '@/lib/modules/accreditation/institutions/services/registry';
import { getSetting } from '@/lib/platform/settings';
import { nextSeq, uniq, unverifiedPreApplication } from '../builders';
import { APPLICANTS, call, changedTables, ctx, defineArea, defNamed, expectGuard, fingerprint, forbidden, MODULE_A_STAFF, outcomes, SIGNED_OUT, staffActor, type Checks, type Coverage } from '../context';

/**
 * Module A, accreditation (lib/modules/accreditation): the accredited-institution
 * registry and the module's settings (admins and module-A reviewers), and the
 * public pre-application and institution password-retrieval actions. Its
 * applications run on the workflow engine's actions (areas/platform.ts).
 */

const newCert = () => `CNAS L${crypto.randomInt(10_000_000, 99_999_999)}`;
const registryCsv = (rows: Array<[string, string, string]>) => Buffer.from(`证书编号,机构名称,联系邮箱\r\n${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');

/** A row of the accredited-institution registry (imported by an admin, with its organization account). */
async function institution(): Promise<string> {
  const cert = newCert();
  const r = await importInstitutions(ctx.h.db, await staffActor('staffAdmin'), { fileName: 'registry.csv', content: registryCsv([[cert, `测试检测中心${uniq()}`, `lab_${uniq()}@example.com`]]) });
  expect(r).toMatchObject({ created: 1, errors: [] });
  const [row] = await ctx.h.db.select({ id: accreditedInstitutions.id }).from(accreditedInstitutions).where(eq(accreditedInstitutions.certificateNumber, cert));
  return row.id;
}

/** Module A's registry and settings: admins and module-A reviewers. */
const MODULE_A_KEEPERS: Omit<Coverage, 'input'> = {
  access: { kind: 'staff', roles: ['admin', 'reviewer'], module: 'accreditation' },
  refused: { ...SIGNED_OUT, ...forbidden(...APPLICANTS, 'staffFinance', 'reviewerExam') },
  allowed: MODULE_A_STAFF,
  probe: 'reviewerAccreditation',
};

const coverage: Record<string, Coverage> = {
  // --- module A: the accredited-institution registry and the module's settings
  importInstitutionsDef: {
    ...MODULE_A_KEEPERS,
    input: async () => ({ fileName: 'registry.csv', contentBase64: registryCsv([[newCert(), `测试检测中心${uniq()}`, `lab_${uniq()}@example.com`]]).toString('base64') }),
  },
  changeInstitutionEmailDef: {
    ...MODULE_A_KEEPERS,
    input: async () => ({ id: await institution(), email: `changed_${uniq()}@example.com` }),
  },
  updateBusinessFieldsDef: {
    ...MODULE_A_KEEPERS,
    // The configured list plus one: the other targets keep working after the probe.
    input: async () => {
      const current = await getSetting<Array<{ key: string; label: string }>>(ctx.h.db, 'accreditation.businessFields');
      expect(current.map((f) => f.key)).toEqual(expect.arrayContaining(['laboratory', 'inspectionBody']));
      return { fields: [...current, { key: `field${nextSeq()}`, label: '新增领域' }] };
    },
  },
  updatePreApplicationNotesDef: {
    ...MODULE_A_KEEPERS,
    input: async () => ({ notes: ['请如实填写机构信息。', `测试注意事项${uniq()}`] }),
  },
};

const publicScoped: Checks = {
  "verifyPreApplicationDef: only the emailed verify token verifies; the view token, another purpose's, does not": async () => {
    const { id, email } = await unverifiedPreApplication();
    const [mail] = await ctx.h.db.select().from(outbox).where(sql`${outbox.payload}->>'to' = ${email}`);
    const text = (mail.payload as { text: string }).text;
    const view = /\/pre-application\/view\?token=([\w-]+)/.exec(text)![1];
    const verify = /\/pre-application\/verify\?token=([\w-]+)/.exec(text)![1];
    const before = await fingerprint();
    expect(await call(defNamed('verifyPreApplicationDef'), 'anonymous', { token: view })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(changedTables(before, await fingerprint())).toEqual([]);
    expect(await call(defNamed('verifyPreApplicationDef'), 'anonymous', { token: verify })).toMatchObject({ ok: true });
    const [app] = await ctx.h.db.select().from(applications).where(eq(applications.id, id));
    expect(app.status).toBe('pending');
  },

  'requestInstitutionResetDef: a ticket not signed by this instance names no institution': async () => {
    const id = await institution();
    const payload = Buffer.from(JSON.stringify({ iid: id, exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
    const forged = `${payload}.${crypto.createHmac('sha256', 'another-secret-another-secret-0123456789').update(`institution-retrieve:${payload}`).digest('base64url')}`;
    const before = await fingerprint();
    expect(await call(defNamed('requestInstitutionResetDef'), 'anonymous', { ticket: forged })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(changedTables(before, await fingerprint())).toEqual([]);
  },
};

export const area = defineArea({
  owns: ['lib/modules/accreditation'],
  coverage,
  publicActions: [
    // Module A pre-application (SPEC §2.2): submitted by the public with a captcha; the emailed tokens are the credentials.
    'submitPreApplicationDef',
    'verifyPreApplicationDef', // the single-use verify token names the application (tested in publicScoped above)
    'resendVerificationDef', // the view token names the application
    // 已获认可机构获取密码 (SPEC §2.6): captcha → signed ticket naming the registry row → single-use emailed token.
    'lookupInstitutionDef',
    'requestInstitutionResetDef', // the signed ticket names the row (tested in publicScoped above)
    'resetInstitutionPasswordDef',
  ],
  guardedRoutes: { 'app/staff/(main)/accreditation/institutions/export/route.ts': 'exportInstitutions(' },
  checks: {
    publicScoped,
    routes: {
      "已获认可机构名录's export (exportInstitutions): admins and module-A reviewers": async () => {
        await expectGuard((a) => exportInstitutions(ctx.h.db, a, {}, 10), { ...outcomes(MODULE_A_STAFF, 'FORBIDDEN'), ...SIGNED_OUT });
      },
    },
  },
});
