/** Module C's shipped site settings (staff may change them; getSetting falls back to these). */
export const RETAKE_PERIOD_SETTING = 'personnel.retakePeriodMonths';

export const PERSONNEL_SETTING_DEFAULTS: Record<string, unknown> = {
  // 补考: the previous exam must lie within this many months before the retake enrollment.
  [RETAKE_PERIOD_SETTING]: 12,
  // Validity of a personnel certificate from its issue (TSG: four years).
  'personnel.certificateValidityMonths': 48,
};
