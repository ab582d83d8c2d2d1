import { defineAction } from '../auth/action-core';
import { CERTIFICATE_MANAGER_ROLES } from './access';
import { renewCertificateSchema, replaceCertificateSchema, voidCertificateSchema } from './schemas';
import { endOfChinaDay, renewCertificate, replaceCertificate, voidCertificate } from './service';

/**
 * Staff actions on a certificate: the gate admits admins, reviewers and
 * issuing authorities; which certificate they may touch is decided by module
 * in the scoped lookup (another module's certificate: NOT_FOUND).
 */
const STAFF_MANAGERS = { kind: 'staff', roles: CERTIFICATE_MANAGER_ROLES } as const;

const summary = (c: { id: string; number: string; status: string; validUntil: Date | null }) => ({ id: c.id, number: c.number, status: c.status, validUntil: c.validUntil?.toISOString() ?? null });

export const voidCertificateDef = defineAction({
  access: STAFF_MANAGERS,
  schema: voidCertificateSchema,
  handler: async ({ db, actor, input, ip }) => summary(await voidCertificate(db, actor, { ...input, ip })),
});

export const replaceCertificateDef = defineAction({
  access: STAFF_MANAGERS,
  schema: replaceCertificateSchema,
  handler: async ({ db, actor, input, ip }) => {
    const { replaced, certificate } = await replaceCertificate(db, actor, { certificateId: input.certificateId, reason: input.reason, ip });
    return { replaced: summary(replaced), certificate: summary(certificate) };
  },
});

export const renewCertificateDef = defineAction({
  access: STAFF_MANAGERS,
  schema: renewCertificateSchema,
  handler: async ({ db, actor, input, ip }) => summary(await renewCertificate(db, actor, { certificateId: input.certificateId, validUntil: input.validUntil ? endOfChinaDay(input.validUntil) : undefined, ip })),
});
