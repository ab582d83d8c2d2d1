import { inArray } from 'drizzle-orm';
import { accreditedInstitutions, applications } from '@/db/schema';
import type { Db } from '@/db';
import { createInstitutionAccounts } from '@/lib/modules/accreditation/institutions/services/accounts';
import { PRE_APPLICATION } from '@/lib/modules/accreditation/pre-application/kind';
import { createApplication, SYSTEM, transition } from '@/lib/platform/workflow';

/**
 * Demo rows that go through the domain code (so they look exactly like real
 * ones): the accredited-institution registry and pre-applications in several
 * states. Loaded lazily by seedDemo to keep the settings defaults free of
 * module imports. Idempotent: keyed by certificate number / applicant name.
 */
const INSTITUTIONS = [
  { certificateNumber: 'CNAS L0001', name: '北京示范计量检测研究院', contactEmail: 'lab0001@example.com' },
  { certificateNumber: 'CNAS IB0001', name: '上海示范检验认证有限公司', contactEmail: 'ib0001@example.com' },
];

const PRE_APPLICATIONS = [
  { name: '宁波示范检测技术有限公司', code: '91330201MA2CDE7X1X', verified: true, email: 'nbdemo@example.com', fields: [{ key: 'laboratory', label: '实验室', description: '从事食品、环境样品的化学检测，已运行管理体系两年' }] },
  { name: '温州示范计量校准中心', code: '123456788', verified: false, email: 'wzdemo@example.com', fields: [{ key: 'laboratory', label: '实验室', description: '长度、热工计量校准' }, { key: 'proficiencyTestingProvider', label: '能力验证提供者', description: '组织区域性比对' }] },
];

export async function seedDemoApplications(db: Db): Promise<number> {
  let created = 0;
  const rows = await db.insert(accreditedInstitutions).values(INSTITUTIONS).onConflictDoNothing({ target: accreditedInstitutions.certificateNumber }).returning();
  if (rows.length) {
    await db.transaction((tx) => createInstitutionAccounts(tx, rows));
    created += rows.length;
  }

  const existing = await db.select({ name: applications.applicantName }).from(applications).where(inArray(applications.applicantName, PRE_APPLICATIONS.map((p) => p.name)));
  for (const p of PRE_APPLICATIONS) {
    if (existing.some((e) => e.name === p.name)) continue;
    const app = await createApplication(db, { kind: 'anonymous' }, {
      kind: PRE_APPLICATION,
      data: {
        contact: { name: '示范联系人', phone: '0574-87000000', mobile: '13900000099', email: p.email },
        entity: { name: p.name, code: p.code, address: '浙江省示范市示范路1号', legalRepresentative: '示范法人' },
        businessFields: p.fields,
      },
    });
    if (p.verified) await transition(db, SYSTEM, { applicationId: app.id, event: 'verify' });
    created++;
  }
  return created;
}
