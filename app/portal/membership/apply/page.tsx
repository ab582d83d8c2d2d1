import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { MembershipApplicationForm } from '@/components/membership/application-form';
import { MembershipNoticeGate } from '@/components/membership/notice-gate';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { getDb } from '@/db';
import { gradeOptions } from '@/lib/modules/membership/grades';
import { MEMBERSHIP_NOTICE } from '@/lib/modules/membership/kind';
import { organizationProfile, prefillFromProfile } from '@/lib/modules/membership/profile';
import { membershipStatus } from '@/lib/modules/membership/queries';
import { can } from '@/lib/platform/auth/permissions';
import { requireActor } from '@/lib/platform/auth/server';
import { noticeAcceptedAt, serveNotice } from '@/lib/platform/notices/forced-reading';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('membership.apply'))('title') };
}

/**
 * 申请入会: the 入会须知 first (15 s, accepted on the server), then the form
 * prefilled from the organization profile. An open application is resumed
 * instead of starting a second one.
 */
export default async function MembershipApplyPage() {
  const actor = await requireActor({ next: '/portal/membership/apply' });
  const t = await getTranslations();
  if (actor.kind !== 'organization' || !can(actor, { action: 'module.use', module: 'membership' })) return <Forbidden detail={actor.kind !== 'organization' ? t('membership.apply.notOrganization') : undefined} />;
  const db = await getDb();
  const { open, member } = await membershipStatus(db, actor);
  if (open) redirect(open.status === 'draft' || open.status === 'returned' ? `/portal/membership/${open.id}/edit` : `/portal/applications/${open.id}`);
  if (member && !member.expired) redirect('/portal/membership');

  const accepted = await noticeAcceptedAt(db, MEMBERSHIP_NOTICE, actor);
  const served = accepted ? null : await serveNotice(db, MEMBERSHIP_NOTICE, actor);
  const [profile, grades] = accepted ? await Promise.all([organizationProfile(db, actor.orgId), gradeOptions(db, t as never)]) : [null, []];
  return (
    <Card className="max-w-4xl">
      <CardHeader>
        <h1 className="text-xl font-semibold">{t('membership.apply.title')}</h1>
        <p className="text-sm text-muted-foreground">{served ? t('membership.apply.noticeHint') : t('membership.form.intro')}</p>
      </CardHeader>
      <CardContent>
        {served ? (
          <MembershipNoticeGate servingId={served.servingId} title={served.title} body={served.body} seconds={served.seconds} />
        ) : (
          <MembershipApplicationForm initial={prefillFromProfile(profile)} grades={grades} />
        )}
      </CardContent>
    </Card>
  );
}
