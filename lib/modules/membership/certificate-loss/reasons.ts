/** 补办原因 (seed 001 十一). Without zod: the browser form lists them and loads the schema only to validate. */
export const LOSS_REASONS = ['lost', 'damaged', 'other'] as const;
export type LossReason = (typeof LOSS_REASONS)[number];
