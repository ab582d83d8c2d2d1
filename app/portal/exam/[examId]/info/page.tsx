import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { InfoForm } from '@/components/exam/info-form';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { candidateIdentity } from '@/lib/modules/exam/registration/services/candidate-views';
import type { RegistrationInfoInput } from '@/lib/modules/exam/registration/schemas';
import { educationLevels } from '@/lib/reference/education';
import { ethnicityOptions } from '@/lib/reference/ethnicities';
import { idTypeLabel, localizedOptions } from '@/lib/reference/localized';
import { nationalities } from '@/lib/reference/nationalities';
import { frozenOf } from '../frozen';
import { loadCandidateExam } from '../load';

/** 信息维护: identity fields read-only from the account, the rest editable until an order exists. */
export default async function ExamInfoPage({ params }: { params: Promise<{ examId: string }> }) {
  const { examId } = await params;
  const { db, actor, exam, registration } = await loadCandidateExam(examId, `/portal/exam/${examId}/info`);
  if (!registration) redirect(`/portal/exam/${examId}`);
  const t = await getTranslations('exam.info');
  const td = await getTranslations('exam.details');
  const locale = await getLocale();
  const me = await candidateIdentity(db, actor.id);
  const saved = registration.info as Partial<RegistrationInfoInput>;
  const initial: RegistrationInfoInput = {
    nationality: saved.nationality ?? 'CN',
    ethnicity: saved.ethnicity ?? '',
    residenceRegion: saved.residenceRegion ?? '',
    education: saved.education ?? '',
    employer: saved.employer ?? '',
    mobile: saved.mobile ?? me.mobile ?? '',
    address: saved.address ?? '',
    email: saved.email ?? me.email ?? '',
    invoice: saved.invoice ?? { type: 'none' },
  };
  const identity: Array<[string, string]> = [
    [t('name'), me.name],
    [t('idType'), idTypeLabel(me.idType, locale)],
    [t('idNumber'), me.idNumber ?? ''],
    [t('gender'), me.gender === 'male' || me.gender === 'female' ? td(`genders.${me.gender}`) : ''],
    [t('birthDate'), me.birthDate ?? ''],
  ];
  return (
    <Card className="max-w-3xl">
      <CardHeader>
        <h1 className="text-xl font-semibold">{t('title')}</h1>
        <p className="text-sm text-muted-foreground">{exam.name}</p>
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        <section>
          <h2 className="mb-2 text-sm font-semibold">{t('identity')}</h2>
          <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-3" data-testid="identity-readonly">
            {identity.map(([k, v]) => (
              <div key={k}>
                <dt className="text-xs text-muted-foreground">{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </section>
        <InfoForm
          frozen={await frozenOf(exam, registration)}
          examId={exam.id}
          registrationId={registration.id}
          initial={initial}
          ownName={me.name}
          options={{
            // Names in the reader's language (English names of countries, ethnic groups, education levels).
            nationalities: localizedOptions(nationalities, locale),
            ethnicities: localizedOptions(ethnicityOptions, locale),
            education: localizedOptions(educationLevels, locale),
          }}
        />
      </CardContent>
    </Card>
  );
}
