import { nextSeq } from '../builders';
import { APPLICANTS, defineArea, forbidden, SIGNED_OUT, type Coverage } from '../context';

/**
 * Module B, membership (lib/modules/membership): its settings (admins and
 * module-B reviewers). The membership flow itself runs on the workflow
 * engine's actions (areas/platform.ts).
 */

/** Module B's settings (dues per grade, membership term): admins and module-B reviewers (staffNonAdmin reviews every module). */
const MODULE_B_KEEPERS: Omit<Coverage, 'input'> = {
  access: { kind: 'staff', roles: ['admin', 'reviewer'], module: 'membership' },
  refused: { ...SIGNED_OUT, ...forbidden(...APPLICANTS, 'staffFinance', 'reviewerAccreditation', 'reviewerExam') },
  allowed: ['staffNonAdmin', 'staffAdmin'],
  probe: 'staffNonAdmin',
};

const coverage: Record<string, Coverage> = {
  // --- module B: its settings (the membership flow itself runs on the engine's actions, covered in areas/platform.ts)
  updateMembershipSettingsDef: {
    ...MODULE_B_KEEPERS,
    // A new term each time, so an allowed call changes the database.
    input: async () => ({ dues: { regular: '2000', council: '5000', executive: '10000', vicePresident: '20000' }, termMonths: String(13 + (nextSeq() % 100)) }),
  },
};

export const area = defineArea({
  owns: ['lib/modules/membership'],
  coverage,
});
