import { getTranslations } from 'next-intl/server';
import type { Exam, ExamRegistration } from '@/db/schema';
import { frozenReason } from '@/lib/modules/exam/registration/services/registration';
import type { Frozen } from '@/components/exam/registration-forms';

/** The read-only reason of a registration's form pages (null while editable), with where to go instead. */
export async function frozenOf(exam: Exam, registration: ExamRegistration): Promise<Frozen | undefined> {
  const reason = frozenReason(registration, exam);
  if (!reason) return undefined;
  const t = await getTranslations('exam');
  const pay = { href: `/portal/exam/${exam.id}/pay`, label: t(reason === 'ordered' ? 'frozen.toOrder' : 'frozen.toPayment') };
  return { reason: t(`frozen.${reason}`), link: reason === 'ordered' || reason === 'paid' ? pay : { href: `/portal/exam/${exam.id}`, label: t('frozen.toProcess') } };
}
