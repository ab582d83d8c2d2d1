import { provinces } from '@/lib/reference/provinces';

/**
 * Module E's fixed lists (labels in messages `review.options.*`). Pure:
 * the forms import them too.
 */

/** 评审类型. */
export const REVIEW_TYPES = ['initial', 'renewal', 'extension', 'change'] as const;
export type ReviewType = (typeof REVIEW_TYPES)[number];

/** 受理类别. */
export const ACCEPTANCE_CATEGORIES = ['inspectionBody', 'testingBody', 'typeTest', 'manufacturer', 'filling'] as const;
export type AcceptanceCategory = (typeof ACCEPTANCE_CATEGORIES)[number];

/** 机构类型. */
export const INSTITUTION_TYPES = ['enterprise', 'publicInstitution', 'socialOrganization', 'government', 'other'] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];

/** 省份: the national market regulator (市场总局) for national projects, then the provinces (GB/T 2260 codes). */
export const NATIONAL_PROVINCE = 'SAMR';
export const PROVINCE_OPTIONS: ReadonlyArray<{ code: string; name: string }> = [{ code: NATIONAL_PROVINCE, name: '市场总局' }, ...provinces];
export const PROVINCE_CODES = PROVINCE_OPTIONS.map((p) => p.code);
export const provinceName = (code: string | null | undefined) => PROVINCE_OPTIONS.find((p) => p.code === code)?.name ?? code ?? '';

/** 评审结论 of the on-site review. */
export const CONCLUSIONS = ['pass', 'rectify', 'reReview', 'fail'] as const;
export type Conclusion = (typeof CONCLUSIONS)[number];
/** The engine transition each conclusion fires. */
export const CONCLUSION_EVENTS: Record<Conclusion, string> = { pass: 'concludePass', rectify: 'concludeRectify', reReview: 'concludeReReview', fail: 'concludeFail' };

/**
 * The overall flow (总体流程, seed 004 §2) as stages, in order. The diagram
 * lights the project's current stage; the list shows it in 阶段.
 */
export const STAGES = ['apply', 'prereview', 'invite', 'letter', 'notice', 'onSite', 'rectify', 'reinvite', 'evaluate', 'done'] as const;
export type Stage = (typeof STAGES)[number];

/** The project's stage from its state and round (a second round's invitation is 确认约请). */
export function stageOf(status: string, round: number): Stage {
  switch (status) {
    case 'draft':
    case 'returned':
      return 'apply';
    case 'prereview':
      return 'prereview';
    case 'inviting':
    case 'invitationSent':
      return round > 1 ? 'reinvite' : 'invite';
    case 'letter':
    case 'letterSubmitted':
      return 'letter';
    case 'noticeIssued':
      return 'notice';
    case 'onSite':
      return 'onSite';
    case 'rectifying':
    case 'rectificationSubmitted':
      return 'rectify';
    case 'evaluating':
      return 'evaluate';
    default:
      return 'done';
  }
}

/** The operations page's tabs (one per stage the unit works in), and the tab a state opens on. */
export const TABS = ['materials', 'invitation', 'letter', 'notice', 'onSite', 'rectification', 'evaluation'] as const;
export type Tab = (typeof TABS)[number];

export function tabOf(status: string): Tab {
  switch (status) {
    case 'inviting':
    case 'invitationSent':
      return 'invitation';
    case 'letter':
    case 'letterSubmitted':
      return 'letter';
    case 'noticeIssued':
      return 'notice';
    case 'onSite':
      return 'onSite';
    case 'rectifying':
    case 'rectificationSubmitted':
      return 'rectification';
    case 'evaluating':
    case 'finished':
      return 'evaluation';
    case 'failed':
      return 'onSite';
    default:
      return 'materials';
  }
}

/** The project's list status (状态): 保存 while a draft, 退回 when returned, the outcome when closed, else 提交. */
export function listStatusOf(status: string): 'saved' | 'submitted' | 'returned' | 'finished' | 'failed' | 'rejected' | 'withdrawn' {
  if (status === 'draft') return 'saved';
  if (status === 'returned') return 'returned';
  if (status === 'finished' || status === 'failed' || status === 'rejected' || status === 'withdrawn') return status;
  return 'submitted';
}

/** The project materials' slots (seed 004 §3.1), all required. */
export const MATERIAL_SLOTS = ['quality_manual', 'procedure_list', 'acceptance_decision', 'application_form', 'other'] as const;
/** The unit's business licence in the project (optional). */
export const LICENSE_SLOT = 'business_license';
/** The stamped scan of the negotiation letter. */
export const LETTER_SLOT = 'letter_scan';
/** The leader's on-site materials. */
export const ONSITE_SLOT = 'onsite_materials';
/** The unit's rectification materials. */
export const RECTIFICATION_SLOT = 'rectification';
/** Generated PDFs kept with the project. */
export const NOTICE_PDF_SLOT = 'review_notice';
export const LETTER_PDF_SLOT = 'negotiation_letter';
/** The unit's business licence in 单位信息管理 (a personal slot of the uploading account). */
export const UNIT_LICENSE_SLOT = 'review_unit_license';

export const MODULE = 'review' as const;
export const REVIEW_PROJECT = 'reviewProject';
