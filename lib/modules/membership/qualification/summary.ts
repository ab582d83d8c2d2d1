import type { SummaryField, SummarySection } from '@/lib/platform/workflow/define';
import { checkRequirements, isStaffGrade } from '../staff-grades';
import { MATERIAL_SLOTS, slotLabelKey, type QualificationVariant } from './constants';
import type { QualificationData } from './schemas';

/**
 * The labelled sections of a qualification application for the review page,
 * the applicant's page and the PDF — built only from what was submitted (the
 * snapshot written by prepare.ts), so later roster or level changes do not
 * alter what the association reviews. A draft (no snapshot yet) shows little.
 */
const day = (iso: string | null | undefined) => (iso ? new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso)) : null);

export function qualificationSummary(variant: QualificationVariant, d: QualificationData, t: (key: string) => string): SummarySection[] {
  const s = (k: string) => t(`qualification.summary.${k}`);
  const sections: SummarySection[] = [];

  const application: SummaryField[] = [];
  if (d?.current) {
    application.push(
      { label: s('currentLevel'), value: d.current.levelName },
      { label: s('currentCertificate'), value: d.current.certificateNumber },
      { label: s('currentValidUntil'), value: day(d.current.validUntil) },
      { label: s('currentReviewDue'), value: d.current.reviewDueOn },
    );
  }
  application.push({ label: variant === 'apply' || variant === 'upgrade' || variant === 'downgrade' ? s('targetLevel') : s('level'), value: d?.target?.name ?? s('notSubmitted') });
  if (d?.submittedAt) application.push({ label: s('submittedAt'), value: day(d.submittedAt) });
  sections.push({ title: s('application'), fields: application });

  if (d?.company) {
    sections.push({
      title: s('company'),
      fields: [
        { label: s('companyName'), value: d.company.name },
        { label: s('creditCode'), value: d.company.creditCode },
        { label: s('legalRepresentative'), value: d.company.legalRepresentative },
        { label: s('contact'), value: [d.company.contactName, d.company.contactPhone].filter(Boolean).join(' ') || null },
        { label: s('address'), value: d.company.address, wide: true },
      ],
    });
  }

  const people = Array.isArray(d?.people) ? d.people : [];
  if (d?.target) {
    const checks = checkRequirements(d.target.requirements ?? [], people.map((p) => p.grade).filter(isStaffGrade));
    sections.push({
      title: `${s('requirements')}（${d.target.name}）`,
      fields: checks.length
        ? checks.map((c) => ({
            label: t(`qualification.gradeAtLeast.${c.grade}`),
            value: `${s('required')} ${c.required} · ${s('attached')} ${c.have} · ${c.met ? s('met') : s('notMet')}`,
            tone: c.met ? ('success' as const) : ('danger' as const),
          }))
        : [{ label: s('requirements'), value: s('noRequirements') }],
    });
  }

  if (d?.people) {
    sections.push({
      title: `${s('people')}（${people.length}）`,
      fields: people.length
        ? people.map((p) => ({
            label: `${p.name}（${isStaffGrade(p.grade) ? t(`membership.staffGrades.${p.grade}`) : p.grade}）`,
            value: [
              `${s('idNumber')}：${p.idMasked}`,
              ...(p.title ? [`${s('title')}：${p.title}`] : []),
              ...(p.position ? [`${s('position')}：${p.position}`] : []),
              ...(p.certificates ?? []).map((c) => `${s('certificate')}：${c.name}${c.number ? ` ${c.number}` : ''}${c.validUntil ? `（${s('validUntil')} ${c.validUntil}）` : ''}`),
              `${s('documents')}：${(p.documents ?? []).map((f) => f.fileName).join('、') || '—'}`,
            ].join('\n'),
            wide: true,
          }))
        : [{ label: s('people'), value: s('noPeople') }],
    });
  }

  if (d?.materials) {
    const required = new Set<string>(d.target?.materials ?? []);
    sections.push({
      title: s('materials'),
      fields: MATERIAL_SLOTS.filter((m) => required.has(m) || d.materials?.[m]?.length).map((m) => ({
        label: `${t(slotLabelKey(m))}${required.has(m) ? `（${s('requiredMaterial')}）` : ''}`,
        value: d.materials?.[m]?.length ? d.materials[m] : s('notUploaded'),
      })),
    });
  }

  if (d?.result) {
    sections.push({
      title: s('result'),
      fields: [
        { label: s('resultLevel'), value: d.result.levelName },
        { label: s('resultCertificate'), value: d.result.certificateNumber },
        { label: s('resultValidUntil'), value: day(d.result.validUntil) },
        { label: s('resultReviewDue'), value: d.result.reviewDueOn },
        ...(d.result.replacedNumber ? [{ label: s('replacedCertificate'), value: d.result.replacedNumber }] : []),
      ],
    });
  }
  return sections;
}
