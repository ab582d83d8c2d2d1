/** What an exam registration's order is for (orders.subject_type; subject_id is the registration id). */
export const EXAM_ORDER = 'exam_registration';
/** The refund scope of exam registrations: one refund per person ever (SPEC §5). */
export const EXAM_REFUND_SCOPE = 'exam';
