/** Keys of the 外省企业备案 kind and its certificate type (safe for client components: no server imports). */
export const FILING = 'membershipFiling';
export const FILING_CERTIFICATE = 'membership.filing';
