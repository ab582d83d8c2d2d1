import { getTranslations } from 'next-intl/server';
import { PhotoPanel } from '@/components/exam/photo-panel';
import { Forbidden } from '@/components/forbidden';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { getDb } from '@/db';
import { myPhoto } from '@/lib/modules/exam/photo/services/read-photo';
import { examPhotoSlot, PHOTO_MIN_SOURCE, PHOTO_STANDARD } from '@/lib/modules/exam/photo/standard';
import { can } from '@/lib/platform/auth/permissions';
import { requireActor } from '@/lib/platform/auth/server';
import { formatBytes } from '@/lib/platform/documents/slots';
import { getStorage } from '@/lib/platform/storage';

export async function generateMetadata() {
  return { title: (await getTranslations('examPhoto.page'))('title') };
}

/** 上传/修改证件照片 (seed 003 §3 and §10): the rules, the upload, the before/after and the confirmation. */
export default async function ExamPhotoPage() {
  const actor = await requireActor({ next: '/portal/exam/photo' });
  const t = await getTranslations('examPhoto.page');
  const tAll = await getTranslations();
  if (actor.kind !== 'individual' || !can(actor, { action: 'module.use', module: 'exam' })) {
    return <Forbidden detail={tAll('portal.moduleForbidden', { module: tAll('modules.exam.name') })} />;
  }
  const { photo, changeAllowed } = await myPhoto(await getDb(), await getStorage(), actor);
  const rules = [
    t('rules.format'),
    t('rules.size', { max: formatBytes(examPhotoSlot.maxBytes) }),
    t('rules.pixels', { width: PHOTO_MIN_SOURCE.width, height: PHOTO_MIN_SOURCE.height }),
    t('rules.background'),
    t('rules.pose'),
    t('rules.processing', { width: PHOTO_STANDARD.width, height: PHOTO_STANDARD.height }),
  ];
  return (
    <div className="flex max-w-5xl flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold">{t('title')}</h1>
        <p className="mt-1 text-sm text-muted-foreground">{t('intro')}</p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>{t('rulesTitle')}</CardTitle>
        </CardHeader>
        <CardContent>
          <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="exam-photo-rules">
            {rules.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </CardContent>
      </Card>
      <PhotoPanel initial={photo} changeAllowed={changeAllowed} />
    </div>
  );
}
