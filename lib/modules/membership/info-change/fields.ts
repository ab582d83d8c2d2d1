/** The organization profile's fields an info change may change, in form order. Without zod: the browser form lists them and loads the schema only to validate. */
export const PROFILE_FIELDS = ['name', 'creditCode', 'legalRepresentative', 'regionCode', 'address', 'contactName', 'contactPhone', 'landline', 'email'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];
