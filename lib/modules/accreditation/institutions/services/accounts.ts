import crypto from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import { accreditedInstitutions, organizations, users } from '@/db/schema';
import type { DbOrTx } from '@/db';

/**
 * The organization account of a registry row: one organization and its main
 * account, created without a password. Nobody can sign in with it until the
 * institution sets a password through "已获认可机构获取密码".
 */

// The login-name rule of accounts created by people (sub-accounts): letter first, 4–32 letters, digits or "_".
const USERNAME_RE = /^[A-Za-z][A-Za-z0-9_]{3,31}$/;

/** "CNAS L0001" → "cnasl0001"; null when that is not a valid login name. */
export function usernameFromCertificate(certificateNumber: string): string | null {
  const u = certificateNumber.toLowerCase().replace(/[^a-z0-9]/g, '');
  return USERNAME_RE.test(u) ? u : null;
}

const generatedUsername = () => `cnas${crypto.randomInt(0, 100_000_000).toString().padStart(8, '0')}`;

async function takenUsernames(tx: DbOrTx, names: string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let i = 0; i < names.length; i += 1000) {
    const chunk = names.slice(i, i + 1000);
    const rows = await tx.select({ u: users.username }).from(users).where(inArray(sql`lower(${users.username})`, chunk));
    for (const r of rows) if (r.u) taken.add(r.u.toLowerCase());
  }
  return taken;
}

/** Free login names, one per certificate: the certificate itself when possible, else `cnas` + 8 digits. */
export async function pickUsernames(tx: DbOrTx, certificateNumbers: string[]): Promise<string[]> {
  const preferred = certificateNumbers.map(usernameFromCertificate);
  const used = await takenUsernames(tx, [...new Set(preferred.filter((p): p is string => p !== null))]);
  const out = preferred.map((p) => {
    if (p && !used.has(p)) {
      used.add(p);
      return p;
    }
    return '';
  });
  // Generated names: draw, then check the draws against the database until none clash.
  let open = out.flatMap((u, i) => (u ? [] : [i]));
  while (open.length) {
    for (const i of open) {
      let g = generatedUsername();
      while (used.has(g)) g = generatedUsername();
      used.add(g);
      out[i] = g;
    }
    const clash = await takenUsernames(tx, open.map((i) => out[i]));
    open = open.filter((i) => clash.has(out[i]));
  }
  return out;
}

export type RegistryRowForAccount = { id: string; certificateNumber: string; name: string; contactEmail: string };

/**
 * Creates the organization and main account of each row and links them to it.
 * Call inside the transaction that writes the rows; a concurrent creation of
 * the same login name fails on `users_username_unique`.
 */
export async function createInstitutionAccounts(tx: DbOrTx, rows: RegistryRowForAccount[]): Promise<Array<{ id: string; orgId: string; userId: string; username: string }>> {
  if (!rows.length) return [];
  const usernames = await pickUsernames(
    tx,
    rows.map((r) => r.certificateNumber),
  );
  const links = rows.map((r, i) => ({ id: r.id, orgId: crypto.randomUUID(), userId: crypto.randomUUID(), username: usernames[i] }));
  for (let i = 0; i < rows.length; i += 500) {
    const part = rows.slice(i, i + 500);
    await tx.insert(organizations).values(part.map((r, j) => ({ id: links[i + j].orgId, name: r.name, email: r.contactEmail })));
    await tx.insert(users).values(
      part.map((r, j) => ({
        id: links[i + j].userId,
        kind: 'organization' as const,
        status: 'active' as const,
        isOrgMain: true,
        orgId: links[i + j].orgId,
        username: links[i + j].username,
        name: r.name,
        email: r.contactEmail,
        passwordHash: null,
        mustChangePassword: false,
      })),
    );
    const values = sql.join(
      links.slice(i, i + 500).map((l) => sql`(${l.id}::uuid, ${l.orgId}::uuid, ${l.userId}::uuid)`),
      sql`, `,
    );
    await tx.execute(sql`
      update ${accreditedInstitutions} as a set org_id = v.org_id, user_id = v.user_id, updated_at = now()
      from (values ${values}) as v(id, org_id, user_id) where a.id = v.id`);
  }
  return links;
}
