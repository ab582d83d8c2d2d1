import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { NoticeList } from '@/components/notice-list';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader } from '@/components/ui/card';
import { Label, Select } from '@/components/ui/input';
import { Table, Td, Th } from '@/components/ui/table';
import { getDb } from '@/db';
import { unitFiles, unitProjectOptions } from '@/lib/modules/review/queries';
import { requireActor } from '@/lib/platform/auth/server';
import { listPublishedNotices } from '@/lib/platform/content/notices';
import { isUuid } from '@/lib/platform/schemas';
import { cn } from '@/lib/utils';

export async function generateMetadata() {
  return { title: (await getTranslations('review.nav'))('documents') };
}

/**
 * 动态信息管理 (seed 004 §6): 鉴定评审文件 published by the association, and
 * 临时性文件 — every file generated or uploaded in the unit's projects, with
 * its project and stage, each openable.
 */
export default async function ReviewDocumentsPage({ searchParams }: { searchParams: Promise<{ tab?: string; project?: string }> }) {
  const actor = await requireActor({ next: '/portal/review/documents' });
  const t = await getTranslations('review');
  const f = await getFormatter();
  const sp = await searchParams;
  const tab = sp.tab === 'files' ? 'files' : 'official';
  const projectId = isUuid(sp.project) ? sp.project : undefined;
  const db = await getDb();
  const tabs = [
    { key: 'official', label: t('documents.official') },
    { key: 'files', label: t('documents.files') },
  ];
  return (
    <Card>
      <CardHeader className="flex flex-col gap-3">
        <h1 className="text-lg font-semibold">{t('nav.documents')}</h1>
        <nav aria-label={t('nav.documents')} className="flex gap-1 border-b border-border">
          {tabs.map((x) => (
            <Link key={x.key} href={`/portal/review/documents?tab=${x.key}`} aria-current={x.key === tab ? 'page' : undefined} className={cn('-mb-px border-b-2 px-3 py-2 text-sm', x.key === tab ? 'border-primary font-semibold text-primary' : 'border-transparent text-slate-600 hover:text-primary')}>
              {x.label}
            </Link>
          ))}
        </nav>
      </CardHeader>
      <CardContent>
        {tab === 'official' ? (
          <section className="flex flex-col gap-2">
            <p className="text-sm text-muted-foreground">{t('documents.officialIntro')}</p>
            <NoticeList items={await listPublishedNotices(db, { module: 'review', limit: 100 })} />
          </section>
        ) : (
          await (async () => {
            const [files, projects] = await Promise.all([unitFiles(db, actor, { projectId }), unitProjectOptions(db, actor)]);
            return (
              <section className="flex flex-col gap-3">
                <p className="text-sm text-muted-foreground">{t('documents.filesIntro')}</p>
                <form method="get" className="flex items-end gap-2">
                  <input type="hidden" name="tab" value="files" />
                  <div className="flex flex-col gap-1">
                    <Label htmlFor="f-project">{t('documents.project')}</Label>
                    <Select id="f-project" name="project" defaultValue={projectId ?? ''} className="h-8">
                      <option value="">{t('list.all')}</option>
                      {projects.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.number}
                        </option>
                      ))}
                    </Select>
                  </div>
                  <Button type="submit" size="sm">
                    {t('list.apply')}
                  </Button>
                </form>
                {files.length === 0 ? (
                  <p className="py-6 text-center text-sm text-muted-foreground">{t('documents.noFiles')}</p>
                ) : (
                  <Table stack data-testid="unit-files">
                    <thead>
                      <tr>
                        <Th>{t('documents.columns.project')}</Th>
                        <Th>{t('documents.columns.stage')}</Th>
                        <Th>{t('documents.columns.type')}</Th>
                        <Th>{t('documents.columns.file')}</Th>
                        <Th>{t('documents.columns.at')}</Th>
                      </tr>
                    </thead>
                    <tbody>
                      {files.map((x) => (
                        <tr key={x.key} className={cn(x.superseded && 'text-muted-foreground')}>
                          <Td label={t('documents.columns.project')} className="whitespace-nowrap font-mono">
                            <Link href={`/portal/review/projects/${x.projectId}`} className="hover:underline">
                              {x.projectNumber}
                            </Link>
                          </Td>
                          <Td label={t('documents.columns.stage')} className="whitespace-nowrap">
                            {t(`options.stage.${x.stage}` as never)}
                            {x.round > 1 && <span className="ml-1 text-xs">（{t('project.roundShort', { round: x.round })}）</span>}
                          </Td>
                          <Td label={t('documents.columns.type')} className="whitespace-nowrap">
                            {t(`documents.types.${x.slot}` as never)}
                            {x.source === 'generated' && <Badge className="ml-1">{t('documents.generated')}</Badge>}
                            {x.superseded && <Badge className="ml-1">{t('project.earlierVersion')}</Badge>}
                          </Td>
                          <Td label={t('documents.columns.file')}>
                            <a className="text-primary hover:underline" href={x.href} target="_blank" rel="noopener">
                              {x.slot === 'negotiation_letter' || x.slot === 'review_notice' ? `${t(`documents.types.${x.slot}` as never)}-${x.fileName}` : x.fileName}
                            </a>
                            {x.size !== null && <span className="ml-1 text-xs text-muted-foreground">{Math.max(1, Math.round(x.size / 1024))} KB</span>}
                          </Td>
                          <Td label={t('documents.columns.at')} className="whitespace-nowrap tabular-nums">{f.dateTime(x.createdAt, 'datetime')}</Td>
                        </tr>
                      ))}
                    </tbody>
                  </Table>
                )}
              </section>
            );
          })()
        )}
      </CardContent>
    </Card>
  );
}
