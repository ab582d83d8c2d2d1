import { getFormatter, getTranslations } from 'next-intl/server';
import { UploadField } from '@/components/forms/upload-field';
import { shownSlot } from '@/components/forms/shown-slot';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { requireActor } from '@/lib/platform/auth/server';
import { listMyDocuments, listSlotDocuments } from '@/lib/platform/documents/services/list-documents';
import { formatBytes, kindSlot, PERSONAL_FILES_SLOT, personalSlot } from '@/lib/platform/documents/slots';

export async function generateMetadata() {
  return { title: (await getTranslations('documents.files'))('title') };
}

/** 我的文件: the applicant's personal files (upload, replace, delete) and their applications' documents. */
export default async function MyFilesPage() {
  const actor = await requireActor({ next: '/portal/files' });
  const t = await getTranslations('documents.files');
  const tAll = await getTranslations();
  const f = await getFormatter();
  const db = await getDb();
  const slot = personalSlot(PERSONAL_FILES_SLOT)!;
  const [personal, all] = await Promise.all([listSlotDocuments(db, actor, { slot: slot.key }), listMyDocuments(db, actor)]);
  const appDocs = all.filter((d) => d.application);
  const labelOf = (kind: string, key: string) => {
    const l = kindSlot(kind, key)?.label ?? key;
    return tAll.has(l) ? tAll(l) : l;
  };
  return (
    <div className="flex max-w-5xl flex-col gap-6">
      <div>
        <h1 className="text-xl font-semibold">{t('title')}</h1>
        <p className="mt-1 text-sm text-muted-foreground">{t('intro')}</p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>{t('personalTitle')}</CardTitle>
          <p className="text-sm text-muted-foreground">{t('personalIntro')}</p>
        </CardHeader>
        <CardContent>
          <UploadField slot={shownSlot(tAll, slot)} initialDocuments={personal} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t('applicationTitle')}</CardTitle>
        </CardHeader>
        <CardContent>
          {appDocs.length === 0 ? (
            <p className="py-4 text-center text-sm text-muted-foreground">{t('applicationNone')}</p>
          ) : (
            <Table stack data-testid="application-documents">
              <thead>
                <tr>
                  <Th>{t('colApplication')}</Th>
                  <Th>{t('colSlot')}</Th>
                  <Th>{t('colFile')}</Th>
                  <Th>{t('colVersion')}</Th>
                  <Th>{t('colSize')}</Th>
                  <Th>{t('colUploadedAt')}</Th>
                </tr>
              </thead>
              <tbody>
                {appDocs.map((d) => (
                  <tr key={d.id}>
                    <Td label={t('colApplication')} className="whitespace-nowrap font-mono text-xs">{d.application!.number}</Td>
                    <Td label={t('colSlot')}>{labelOf(d.application!.kind, d.slot)}</Td>
                    <Td label={t('colFile')}>
                      <a href={d.href} className="text-primary hover:underline">
                        {d.fileName}
                      </a>
                    </Td>
                    <Td label={t('colVersion')}>{tAll('documents.upload.version', { version: d.version })}</Td>
                    <Td label={t('colSize')} className="whitespace-nowrap">{formatBytes(d.size)}</Td>
                    <Td label={t('colUploadedAt')} className="whitespace-nowrap">{f.dateTime(new Date(d.createdAt), 'datetime')}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
