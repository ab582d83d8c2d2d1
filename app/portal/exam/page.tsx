import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Forbidden } from '@/components/forbidden';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { getDb } from '@/db';
import { examsForCandidate, photoConfirmed } from '@/lib/modules/exam/registration/services/candidate-views';
import { can } from '@/lib/platform/auth/permissions';
import { requireActor } from '@/lib/platform/auth/server';

/** Module D home: the ID photo, and the exams open for registration with my status (未报考 / 已报考). */
export default async function ExamHome() {
  const actor = await requireActor({ next: '/portal/exam' });
  const t = await getTranslations();
  if (actor.kind !== 'individual' || !can(actor, { action: 'module.use', module: 'exam' })) return <Forbidden detail={t('portal.moduleForbidden', { module: t('modules.exam.name') })} />;
  const f = await getFormatter();
  const db = await getDb();
  const [list, photo] = await Promise.all([examsForCandidate(db, actor.id), photoConfirmed(db, actor.id)]);
  return (
    <div className="flex max-w-5xl flex-col gap-4">
      <h1 className="text-xl font-semibold">{t('exam.home.title')}</h1>
      <Card>
        <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
          <CardTitle>{t('exam.home.photoTitle')}</CardTitle>
          <Button asChild size="sm" variant={photo ? 'outline' : 'default'}>
            <Link href="/portal/exam/photo">{t('exam.home.photoLink')}</Link>
          </Button>
        </CardHeader>
        <CardContent>
          <p className={photo ? 'text-sm text-green-700' : 'text-sm text-amber-700'} data-testid="photo-status">
            {photo ? t('exam.home.photoDone') : t('exam.home.photoMissing')}
          </p>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t('exam.home.openTitle')}</CardTitle>
        </CardHeader>
        <CardContent>
          {list.length === 0 ? (
            <p className="py-6 text-center text-sm text-muted-foreground">{t('exam.home.none')}</p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="open-exams">
              {list.map(({ exam, registration }) => (
                <li key={exam.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                  <div className="flex min-w-0 flex-col gap-1">
                    <span className="font-medium">{exam.name}</span>
                    <span className="text-xs text-muted-foreground">
                      {t('exam.home.window', { from: f.dateTime(exam.registrationOpensAt, 'datetime'), to: f.dateTime(exam.registrationClosesAt, 'datetime') })}
                    </span>
                    <span className="text-xs text-muted-foreground">{t('exam.home.period', { from: exam.periodStart, to: exam.periodEnd })}</span>
                  </div>
                  <div className="flex items-center gap-2">
                    <Badge tone={registration ? 'success' : 'neutral'}>{registration ? t('exam.home.registered') : t('exam.home.notRegistered')}</Badge>
                    <Button asChild size="sm">
                      <Link href={`/portal/exam/${exam.id}`}>{registration ? t('exam.home.continue') : t('exam.home.register')}</Link>
                    </Button>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
