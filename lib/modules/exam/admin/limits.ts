/** The exam, session, subject and area fields' limits. Without zod: the console's forms set them on their inputs at render time and load the schemas only to validate. */
export const NAME_MAX = 200;
export const NOTICE_MAX = 20_000;
export const ORDER_TTL_MIN = 5;
export const ORDER_TTL_MAX = 1440;
export const SESSION_NAME_MAX = 50;
export const SUBJECT_NAME_MAX = 100;
export const AREA_NAME_MAX = 50;
export const CAPACITY_MAX = 1_000_000;
