import { expect } from 'vitest';
import { issueCertificate, registerCertificateType, SYSTEM } from '@/lib/platform/certificates';
import { certificatesBatchPdf, certificatePdfFor } from '@/lib/platform/certificates/pdf';
import { exportCertificates } from '@/lib/platform/certificates/queries';
import { getStorage } from '@/lib/platform/storage';
import {
  ACTOR_KEYS,
  APPLICANTS,
  changedTables,
  ctx,
  defineArea,
  expectGuard,
  fingerprint,
  forbidden,
  guard,
  MODULE_A_STAFF,
  outcomes,
  SIGNED_OUT,
  type Checks,
  type Coverage,
  type Extra,
} from '../context';

/**
 * Certificates (lib/platform/certificates): the gate admits admins, reviewers
 * and issuing authorities; the lookup is scoped to the modules their grant
 * covers, so a module-D reviewer gets NOT_FOUND for a module-A certificate.
 * The certificate PDF and certificates export routes.
 */

const CERT_TYPE = registerCertificateType({ type: 'test.unauthorized', module: 'accreditation', labelKey: 'certificates.genericType', prefix: 'TU', validityMonths: 36 });
const OTHER_CERT_TYPE = registerCertificateType({ type: 'test.unauthorized.membership', module: 'membership', labelKey: 'certificates.genericType', prefix: 'TV', validityMonths: 36 });
/** A valid certificate of the target organization (module A unless said otherwise). */
async function targetCertificate(type = CERT_TYPE.type): Promise<string> {
  const c = await issueCertificate(ctx.h.db, SYSTEM, { type, holderOrgId: ctx.fx.targetOrgId, holderUserId: ctx.fx.ids.targetOrgMain.userId, holderName: '目标认可机构', subject: { level: '甲级' } });
  return c.id;
}
const CERTIFICATE_MANAGERS: Omit<Coverage, 'input'> = {
  access: { kind: 'staff', roles: ['admin', 'reviewer', 'issuing_authority'] },
  refused: { ...SIGNED_OUT, ...forbidden(...APPLICANTS, 'staffFinance'), reviewerExam: 'NOT_FOUND' },
  allowed: MODULE_A_STAFF,
  probe: 'reviewerAccreditation',
};
const anotherModulesCertificate = (input: (id: string) => unknown): Extra => ({
  actor: 'reviewerAccreditation',
  code: 'NOT_FOUND',
  why: "a module-A reviewer on another module's certificate",
  input: async () => input(await targetCertificate(OTHER_CERT_TYPE.type)),
  control: 'staffAdmin',
});

const coverage: Record<string, Coverage> = {
  // --- certificates: staff of the certificate's module (admins always)
  voidCertificateDef: {
    ...CERTIFICATE_MANAGERS,
    input: async () => ({ certificateId: await targetCertificate(), reason: '发证依据被撤销' }),
    extra: [anotherModulesCertificate((certificateId) => ({ certificateId, reason: '发证依据被撤销' }))],
  },
  replaceCertificateDef: {
    ...CERTIFICATE_MANAGERS,
    input: async () => ({ certificateId: await targetCertificate(), reason: '证书遗失' }),
    extra: [anotherModulesCertificate((certificateId) => ({ certificateId }))],
  },
  renewCertificateDef: {
    ...CERTIFICATE_MANAGERS,
    input: async () => ({ certificateId: await targetCertificate() }),
    extra: [anotherModulesCertificate((certificateId) => ({ certificateId }))],
  },
};

const routeChecks: Checks = {
  'the batch print (certificatesBatchPdf): staff of the module only, the whole batch refused when one certificate is out of reach; audited': async () => {
    const ids = [await targetCertificate(), await targetCertificate()];
    const storage = await getStorage();
    const got: Record<string, string> = {};
    for (const who of ACTOR_KEYS) {
      const before = await fingerprint();
      const g = await guard((a) => certificatesBatchPdf(ctx.h.db, storage, a, ids), who);
      got[who] = g.code;
      const changed = changedTables(before, await fingerprint());
      if (g.code === 'ok') expect(changed, who).toEqual(['audit_log', 'seq:audit_log_id_seq']);
      else expect(changed, who).toEqual([]);
    }
    expect(got).toEqual({ ...outcomes(MODULE_A_STAFF), ...forbidden(...APPLICANTS), ...SIGNED_OUT });
  },

  "a certificate PDF (certificatePdfFor): its holder organization (main account, sub-account with the module) and the module's staff; 404 for anyone else": async () => {
    const id = await targetCertificate();
    const storage = await getStorage();
    await expectGuard((a) => certificatePdfFor(ctx.h.db, storage, a, id), { ...outcomes(['targetOrgMain', 'subAllModules', ...MODULE_A_STAFF]), ...SIGNED_OUT });
  },

  "the certificates export (exportCertificates): staff with a certificate role, each within their modules; recorded in the audit log": async () => {
    const id = await targetCertificate();
    const got: Record<string, string> = {};
    for (const who of ACTOR_KEYS) {
      const before = await fingerprint();
      const g = await guard((a) => exportCertificates(ctx.h.db, a, {}), who);
      got[who] = g.code;
      const changed = changedTables(before, await fingerprint());
      if (g.code === 'ok') {
        expect(g.value!.items.some((x) => x.id === id), who).toBe(who !== 'reviewerExam');
        expect(changed, who).toEqual(['audit_log', 'seq:audit_log_id_seq']);
      } else expect(changed, who).toEqual([]);
    }
    expect(got).toEqual({ ...outcomes(['staffNonAdmin', 'reviewerAccreditation', 'reviewerExam', 'staffAdmin'], 'FORBIDDEN'), ...SIGNED_OUT });
  },
};

export const area = defineArea({
  owns: ['lib/platform/certificates'],
  coverage,
  guardedRoutes: {
    'app/api/certificates/[id]/pdf/route.ts': 'certificatePdfFor(',
    'app/staff/(main)/certificates/export/route.ts': 'exportCertificates(',
    'app/staff/(main)/certificates/print/route.ts': 'certificatesBatchPdf(',
  },
  checks: { routes: routeChecks },
});
