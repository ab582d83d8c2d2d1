/** Keys of the 证书补办 kind (safe for client components: no server imports). */
export const CERTIFICATE_LOSS = 'membershipCertificateLoss';
export const LOSS_NOTICE_SLOT = 'loss_notice';
