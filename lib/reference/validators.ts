/**
 * zod schemas for PRC identifiers, mobile numbers and passwords, built on the
 * plain validators of ./identifiers.ts (re-exported here). The schemas trim
 * and upper-case their input and output the normalized value. Messages
 * returned to users are in Simplified Chinese.
 */
import { z } from 'zod';
import { CREDIT_CODE_MESSAGES, isValidMainlandMobile, MOBILE_MESSAGES, ORG_CODE_MESSAGES, parseResidentId, RESIDENT_ID_MESSAGES, validateOrganizationCode, validateUnifiedSocialCreditCode } from './identifiers';
import { checkIdNumber, ID_TYPE_CODES, normalizeIdNumber } from './id-types';

export * from './identifiers';

// ---------------------------------------------------------------------------
// zod schemas
// ---------------------------------------------------------------------------

export const PASSWORD_MESSAGES = {
  required: '请输入密码',
  length: '密码长度须为6–18位',
  composition: '密码须同时包含字母和数字',
} as const;

/**
 * A trimmed, upper-cased string schema that reports exactly one issue:
 * `required` for an empty value, otherwise the validator's reason.
 */
function normalizedCodeSchema(required: string, validate: (value: string) => string | undefined) {
  return z
    .string({ error: required })
    .trim()
    .toUpperCase()
    .superRefine((value, ctx) => {
      const reason = value === '' ? required : validate(value);
      if (reason !== undefined) ctx.addIssue({ code: 'custom', message: reason });
    });
}

const reasonOf = (r: { ok: true } | { ok: false; reason: string }): string | undefined =>
  r.ok ? undefined : r.reason;

/** 18-digit resident ID; output is trimmed and upper-cased. */
export const residentIdSchema = normalizedCodeSchema(RESIDENT_ID_MESSAGES.required, (v) => {
  const r = parseResidentId(v);
  return r.ok ? undefined : r.reason;
});

/** Unified social credit code; output is trimmed and upper-cased. */
export const creditCodeSchema = normalizedCodeSchema(CREDIT_CODE_MESSAGES.required, (v) =>
  reasonOf(validateUnifiedSocialCreditCode(v)),
);

/** Organization code (9 characters, no "-"); output is trimmed and upper-cased. */
export const orgCodeSchema = normalizedCodeSchema(ORG_CODE_MESSAGES.required, (v) =>
  reasonOf(validateOrganizationCode(v)),
);

export const ORG_OR_CREDIT_CODE_MESSAGES = {
  required: '请输入统一社会信用代码或组织机构代码',
  invalid: '请输入18位统一社会信用代码或9位组织机构代码',
} as const;

/**
 * Either an 18-character credit code or a 9-character organization code.
 * Length decides which check applies; other lengths get a generic message.
 */
export const orgCodeOrCreditCodeSchema = normalizedCodeSchema(
  ORG_OR_CREDIT_CODE_MESSAGES.required,
  (v) => {
    if (v.length === 18) return reasonOf(validateUnifiedSocialCreditCode(v));
    if (v.length === 9) return reasonOf(validateOrganizationCode(v));
    return ORG_OR_CREDIT_CODE_MESSAGES.invalid;
  },
);

/** Mainland mobile number; output is trimmed. */
export const mobileSchema = z
  .string({ error: MOBILE_MESSAGES.required })
  .trim()
  .superRefine((value, ctx) => {
    if (value === '') ctx.addIssue({ code: 'custom', message: MOBILE_MESSAGES.required });
    else if (!isValidMainlandMobile(value)) {
      ctx.addIssue({ code: 'custom', message: MOBILE_MESSAGES.invalid });
    }
  });

/** Password: 6–18 characters, at least one letter and one digit. Not trimmed. */
export const passwordSchema = z
  .string({ error: PASSWORD_MESSAGES.required })
  .superRefine((value, ctx) => {
    const length = Array.from(value).length;
    if (length === 0) ctx.addIssue({ code: 'custom', message: PASSWORD_MESSAGES.required });
    else if (length < 6 || length > 18) {
      ctx.addIssue({ code: 'custom', message: PASSWORD_MESSAGES.length });
    } else if (!/[A-Za-z]/.test(value) || !/\d/.test(value)) {
      ctx.addIssue({ code: 'custom', message: PASSWORD_MESSAGES.composition });
    }
  });

/**
 * `{ idType, idNumber }` for sign-up forms. The number is normalized and
 * checked against the selected type; issues are reported on `idNumber`.
 */
export const idDocumentSchema = z
  .object({
    idType: z.enum(ID_TYPE_CODES, { error: '请选择证件类型' }),
    idNumber: z.string({ error: '请输入证件号码' }).transform(normalizeIdNumber),
  })
  .superRefine((value, ctx) => {
    const reason = checkIdNumber(value.idType, value.idNumber);
    if (reason !== undefined) {
      ctx.addIssue({ code: 'custom', message: reason, path: ['idNumber'] });
    }
  });
