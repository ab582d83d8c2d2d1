/**
 * lib/platform/certificates — the platform's certificates registry. A module
 * registers its types (registry.ts) and issues on approval (service.ts):
 *
 *   registerCertificateType({ type: 'membership.member', module: 'membership', labelKey: 'membership.certificates.member', prefix: 'HY', validityMonths: 36 });
 *   await issueCertificate(tx, SYSTEM, { type: 'membership.member', holderOrgId: app.orgId, holderUserId: app.applicantUserId, holderName, subject: { level: '理事单位' }, applicationId: app.id });
 *
 * The PDF is stored after commit by the 'certificate-pdf' job (pdf.ts);
 * /verify/<number or token> finds it (verify.ts); 我的证书 and the staff
 * search read through queries.ts.
 */
export { registerCertificateType, findCertificateType, getCertificateType, allCertificateTypes, type CertificateTypeDef, type CertificateType } from './registry';
export {
  SYSTEM,
  issueCertificate,
  renewCertificate,
  replaceCertificate,
  voidCertificate,
  suspendCertificate,
  reinstateCertificate,
  type SuspendCertificateInput,
  type ReinstateCertificateInput,
  type CertificateActor,
  type CertificateSubject,
  type IssueCertificateInput,
  type RenewCertificateInput,
  type ReplaceCertificateInput,
  type VoidCertificateInput,
} from './service';
export { DEFAULT_NUMBER_PATTERN, numberPatternSettingKey, nextCertificateNumber, parseNumberPattern } from './numbers';
export { certificateState } from './present';
