import crypto from 'node:crypto';
import { organizations, staffRoles, users, type Organization, type User } from '@/db/schema';
import type { DbOrTx } from '@/db';
import { hashPassword } from '@/lib/platform/auth/password';
import { randomMobile, randomResidentId } from './identity-data';

/**
 * Factories shared by the demo seed and the tests. Every call without
 * overrides produces unique, valid data (ID numbers with correct check digits,
 * mainland mobiles), so tests never collide.
 */
let counter = 0;
const uniq = () => `${Date.now().toString(36)}${(counter++).toString(36)}${crypto.randomBytes(2).toString('hex')}`;

export { randomMobile, randomResidentId };

export async function createOrganization(db: DbOrTx, over: Partial<typeof organizations.$inferInsert> = {}): Promise<Organization> {
  const [org] = await db
    .insert(organizations)
    .values({ name: `测试机构${uniq()}`, contactName: '联系人', contactPhone: randomMobile(), ...over })
    .returning();
  return org;
}

type UserInsert = typeof users.$inferInsert;

export async function createUser(db: DbOrTx, over: Partial<UserInsert> & { password?: string } = {}): Promise<User> {
  const { password = 'Passw0rd', ...rest } = over;
  const [user] = await db
    .insert(users)
    .values({ kind: 'individual', name: '测试用户', username: `u_${uniq()}`, passwordHash: await hashPassword(password), ...rest })
    .returning();
  return user;
}

export async function createIndividual(db: DbOrTx, over: Partial<UserInsert> & { password?: string } = {}) {
  return createUser(db, {
    kind: 'individual',
    idType: 'resident_id',
    idNumber: randomResidentId(),
    mobile: randomMobile(),
    gender: 'male',
    birthDate: '1990-01-01',
    email: `${uniq()}@example.com`,
    ...over,
  });
}

export async function createOrgAccount(db: DbOrTx, over: Partial<UserInsert> & { password?: string } = {}, orgOver: Partial<typeof organizations.$inferInsert> = {}) {
  const org = await createOrganization(db, orgOver);
  const user = await createUser(db, { kind: 'organization', orgId: org.id, isOrgMain: true, mobile: randomMobile(), name: org.name, ...over });
  return { org, user };
}

export async function createStaff(
  db: DbOrTx,
  roles: Array<{ role: string; module?: string }>,
  over: Partial<UserInsert> & { password?: string } = {},
) {
  const user = await createUser(db, { kind: 'staff', name: '工作人员', ...over });
  if (roles.length) await db.insert(staffRoles).values(roles.map((r) => ({ userId: user.id, role: r.role, module: r.module ?? '*' })));
  return user;
}
