/** 证书补发 and 证书信息变更 (seed 002 §8–§9): the kinds and the reissue reasons. Without zod: the browser forms use them and load the schemas only to validate. */
export const CERTIFICATE_REISSUE = 'personnelCertificateReissue';
export const CERTIFICATE_CHANGE = 'personnelCertificateChange';
export const REQUEST_KINDS = [CERTIFICATE_REISSUE, CERTIFICATE_CHANGE];

export const REISSUE_REASONS = ['lost', 'damaged', 'other'] as const;
