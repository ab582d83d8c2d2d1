import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { accreditedInstitutions, applications } from '@/db/schema';
import { getSetting, settingDefault } from '@/lib/platform/settings';

/**
 * The business fields an institution holds: the field its accreditation
 * certificate is for (an institution from the registry: CNAS L… is a
 * laboratory, CNAS IB… an inspection body …), and those of its approved
 * pre-application and of its approved field changes (the profile shows these).
 */

/** The business field of a CNAS certificate number, by its type letters (CNAS-RL01: L, IB, RM, PT, BB, MT). */
const FIELD_OF_PREFIX: Record<string, string> = {
  L: 'laboratory',
  IB: 'inspectionBody',
  RM: 'referenceMaterialProducer',
  PT: 'proficiencyTestingProvider',
  BB: 'biobank',
  MT: 'medicalLaboratory',
};

/** 'CNAS L0001' → 'laboratory'; null for a number of no known type. */
export function fieldOfCertificate(certificateNumber: string): string | null {
  const m = /^CNAS\s*-?\s*(IB|RM|PT|BB|MT|L)\s*-?\s*\d/i.exec(certificateNumber.trim());
  return m ? (FIELD_OF_PREFIX[m[1].toUpperCase()] ?? null) : null;
}

type Field = { key: string; label: string };

export async function heldFields(db: DbOrTx, orgId: string): Promise<Field[]> {
  const [rows, registry] = await Promise.all([
    db
      .select({ data: applications.data })
      .from(applications)
      .where(and(eq(applications.orgId, orgId), eq(applications.status, 'approved'), inArray(applications.kind, ['accreditationPreApplication', 'accreditationFieldChange']))),
    db.select({ number: accreditedInstitutions.certificateNumber }).from(accreditedInstitutions).where(eq(accreditedInstitutions.orgId, orgId)),
  ]);
  const out = new Map<string, string>();
  const fromRegistry = registry.map((r) => fieldOfCertificate(r.number)).filter((k): k is string => k !== null);
  if (fromRegistry.length) {
    // Named as the form names them now (the site setting), else as shipped.
    const configured = [...(await getSetting<Field[]>(db, 'accreditation.businessFields')), ...(settingDefault<Field[]>('accreditation.businessFields') ?? [])];
    for (const key of fromRegistry) out.set(key, configured.find((f) => f.key === key)?.label ?? key);
  }
  for (const r of rows) {
    for (const f of ((r.data as { businessFields?: Array<{ key: string; label?: string }> }).businessFields ?? [])) out.set(f.key, f.label ?? f.key);
  }
  return [...out].map(([key, label]) => ({ key, label }));
}
