import { and, desc, eq, inArray } from 'drizzle-orm';
import { applications, type Application, type Certificate } from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { Actor } from '@/lib/platform/auth/actor';
import { certificateState } from '@/lib/platform/certificates/present';
import { AppError } from '@/lib/platform/errors';
import { isUuid } from '@/lib/platform/schemas';
import { personnelCertificatesOf } from '../certificates';
import { certificateSnapshot, IN_FLIGHT_REQUEST } from './kinds';
import { REQUEST_KINDS, type CertificateSnapshot, type RequestData } from './schemas';

/** Read models of 证书补发 / 证书信息变更, scoped to the signed-in individual. */
export async function myRequest(db: DbOrTx, actor: Actor, id: string): Promise<Application> {
  if (actor.kind !== 'individual' || !isUuid(id)) throw new AppError('NOT_FOUND');
  const [row] = await db
    .select()
    .from(applications)
    .where(and(eq(applications.id, id), eq(applications.applicantUserId, actor.id), inArray(applications.kind, REQUEST_KINDS)));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function myRequests(db: DbOrTx, actor: Actor): Promise<Application[]> {
  if (actor.kind !== 'individual') return [];
  return db
    .select()
    .from(applications)
    .where(and(eq(applications.applicantUserId, actor.id), inArray(applications.kind, REQUEST_KINDS)))
    .orderBy(desc(applications.updatedAt))
    .limit(100);
}

export type RequestableCertificate = CertificateSnapshot & { state: string; inFlight: { id: string; number: string; kind: string; status: string } | null };

/** The person's personnel certificates (valid, expired, replaced …) with the request in flight for each, if any. */
export async function requestableCertificates(db: DbOrTx, actor: Actor): Promise<RequestableCertificate[]> {
  if (actor.kind !== 'individual') return [];
  const [certs, requests] = await Promise.all([personnelCertificatesOf(db, actor.id), myRequests(db, actor)]);
  const open = requests.filter((r) => (IN_FLIGHT_REQUEST as readonly string[]).includes(r.status) || r.status === 'draft');
  return certs.map((c: Certificate) => {
    const r = open.find((x) => (x.data as RequestData).certificateId === c.id);
    return { ...certificateSnapshot(c), state: certificateState(c), inFlight: r ? { id: r.id, number: r.number, kind: r.kind, status: r.status } : null };
  });
}

/** The certificate a request is about (the person's own), as the edit page shows it. */
export async function requestCertificate(db: DbOrTx, actor: Actor, app: Application): Promise<CertificateSnapshot | null> {
  const d = app.data as RequestData;
  if (d.certificate) return d.certificate;
  const certs = actor.kind === 'individual' ? await personnelCertificatesOf(db, actor.id) : [];
  const c = certs.find((x) => x.id === d.certificateId);
  return c ? certificateSnapshot(c) : null;
}
