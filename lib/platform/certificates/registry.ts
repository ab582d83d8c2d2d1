import type { Certificate } from '@/db/schema';
import type { DbOrTx } from '@/db';
import type { ModuleKey } from '../modules';
import type { Storage } from '../storage';
import { DEFAULT_NUMBER_PATTERN, parseNumberPattern } from './numbers';

/**
 * Certificate types, registered by the module that issues them (through its
 * manifest): the platform never imports a module. Kept on globalThis like the
 * workflow kinds, because Next.js may load this file in several bundles.
 *
 *   registerCertificateType({
 *     type: 'membership.member', module: 'membership', labelKey: 'membership.certificates.member',
 *     prefix: 'HY', validityMonths: 36,
 *   });
 */
export type CertificateTypeDef = {
  /** Stable key stored on every row, e.g. 'membership.member'. */
  type: string;
  module: ModuleKey;
  /** Message key of the type's name (any namespace of messages/catalog.ts), e.g. 'certificates.types.sample'. */
  labelKey: string;
  /** The `{prefix}` of the number pattern, e.g. 'HY' (default ''; a pattern may also spell its letters out). */
  prefix?: string;
  /**
   * Default number pattern; the site setting `certificates.numberPattern.<type>` overrides it.
   * Tokens: {prefix} {yyyy} {yy} {mm} {dd} {seq:N}; default `{prefix}{yyyy}{seq:6}`.
   */
  numberPattern?: string;
  /** Default validity from the issue date; omitted → no expiry unless the issuer gives `validUntil`. */
  validityMonths?: number;
  /** Labels (message keys) of the type's own subject fields, shown on the PDF and the verification page. */
  subjectLabels?: Record<string, string>;
  /**
   * The holder's photo printed on the certificate (personnel certificates), as
   * an image data URL (JPEG or PNG), or null for none. Omitted: the type's
   * certificates carry no photo.
   */
  photo?: (ctx: { db: DbOrTx; storage: Storage; certificate: Certificate }) => Promise<string | null>;
};

export type CertificateType = CertificateTypeDef & Required<Pick<CertificateTypeDef, 'numberPattern' | 'prefix'>>;

const g = globalThis as unknown as { __accreditCertificateTypes?: Map<string, CertificateType> };
const types = (g.__accreditCertificateTypes ??= new Map());

export function registerCertificateType(def: CertificateTypeDef): CertificateType {
  if (!/^[a-z][a-z0-9_.-]{1,63}$/.test(def.type)) throw new Error(`registerCertificateType: invalid type key ${def.type}`);
  const prefix = def.prefix ?? '';
  if (!/^[A-Z0-9-]{0,12}$/.test(prefix)) throw new Error(`registerCertificateType: invalid prefix ${prefix}`);
  const numberPattern = def.numberPattern ?? DEFAULT_NUMBER_PATTERN;
  parseNumberPattern(numberPattern); // throws on a malformed default
  if (def.validityMonths !== undefined && !(Number.isInteger(def.validityMonths) && def.validityMonths > 0)) throw new Error('registerCertificateType: validityMonths must be a positive integer');
  const type: CertificateType = { ...def, prefix, numberPattern };
  types.set(def.type, type);
  return type;
}

export function findCertificateType(type: string): CertificateType | undefined {
  return types.get(type);
}

export function getCertificateType(type: string): CertificateType {
  const t = types.get(type);
  if (!t) throw new Error(`unknown certificate type ${type}`);
  return t;
}

export function allCertificateTypes(): CertificateType[] {
  return [...types.values()];
}
