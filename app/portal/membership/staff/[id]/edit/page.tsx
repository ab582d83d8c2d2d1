import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { StaffPersonForm } from '@/components/membership/staff/person-form';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { canUseRoster } from '@/lib/modules/membership/staff/access';
import { staffPersonForEdit } from '@/lib/modules/membership/staff/roster';
import { requireActor } from '@/lib/platform/auth/server';

export async function generateMetadata() {
  return { title: (await getTranslations('membershipStaff.roster'))('editTitle') };
}

/** 编辑技术人员: the owner sees the whole ID number here (lists mask it). */
export default async function EditStaffPersonPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor({ next: `/portal/membership/staff/${id}/edit` });
  const t = await getTranslations('membershipStaff.roster');
  if (!canUseRoster(actor)) return <Forbidden detail={actor.kind !== 'organization' ? t('notOrganization') : undefined} />;
  const person = await staffPersonForEdit(await getDb(), actor, id);
  if (!person) notFound();
  return (
    <Card className="max-w-4xl">
      <CardHeader className="flex flex-col gap-1">
        <Link href="/portal/membership/staff" className="text-sm text-primary hover:underline">
          ← {t('back')}
        </Link>
        <h1 className="text-xl font-semibold">
          {t('editTitle')} <span className="text-base font-normal text-muted-foreground">{person.name}</span>
        </h1>
      </CardHeader>
      <CardContent>
        <StaffPersonForm
          existing={{ id: person.id, photoUrl: person.photoUrl }}
          initial={{
            name: person.name,
            idType: person.idType as never,
            idNumber: person.idNumber,
            gender: (person.gender ?? '') as never,
            birthDate: person.birthDate ?? '',
            education: person.education ?? '',
            title: person.title ?? '',
            position: person.position ?? '',
            grade: person.grade,
            certificates: person.certificates.map((c) => ({ name: c.name, number: c.number, validUntil: c.validUntil ?? '' })),
            photoDocumentId: person.photoDocumentId ?? '',
          }}
        />
      </CardContent>
    </Card>
  );
}
