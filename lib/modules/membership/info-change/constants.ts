/** Keys of the 信息变更 kind (safe for client components: no server imports). */
export const INFO_CHANGE = 'membershipInfoChange';
export const INFO_CHANGE_SLOT = 'supporting_document';
