import { getFormatter, getTranslations } from 'next-intl/server';
import type { FlowRecordEntry } from '@/lib/platform/workflow';
import { eventLabel, roleLabel, stateLabel } from './labels';
import { Table, Td, Th } from '@/components/ui/table';

/** 流转信息: every transition with who (role, and the name where the viewer may see it), when, and the opinion. */
export async function FlowRecord({ kind, entries }: { kind: string; entries: FlowRecordEntry[] }) {
  const t = await getTranslations();
  const f = await getFormatter();
  return (
    <section aria-labelledby="flow-record-title">
      <h2 id="flow-record-title" className="mb-2 text-sm font-semibold">
        {t('workflow.flow.title')}
      </h2>
      {entries.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t('workflow.flow.empty')}</p>
      ) : (
        <Table stack label={t('workflow.flow.title')} className="min-w-[36rem]" data-testid="flow-record">
          <thead className="text-xs">
            <tr>
              <Th>{t('workflow.flow.time')}</Th>
              <Th>{t('workflow.flow.actor')}</Th>
              <Th>{t('workflow.flow.action')}</Th>
              <Th>{t('workflow.flow.status')}</Th>
              <Th>{t('workflow.flow.opinion')}</Th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <Td label={t('workflow.flow.time')} className="whitespace-nowrap tabular-nums">{f.dateTime(e.createdAt, 'datetime')}</Td>
                <Td label={t('workflow.flow.actor')}>
                  {roleLabel(t, e.actorRole)}
                  {e.actorName && <span className="text-muted-foreground">（{e.actorName}）</span>}
                  {e.onBehalfOfName && (
                    <span className="block text-xs text-muted-foreground" data-testid="on-behalf-of">
                      {t('workflow.flow.onBehalfOf', { name: e.onBehalfOfName })}
                    </span>
                  )}
                </Td>
                <Td label={t('workflow.flow.action')}>{eventLabel(t, kind, e.event, e.toStatus)}</Td>
                <Td label={t('workflow.flow.status')}>{stateLabel(t, kind, e.toStatus)}</Td>
                <Td label={t('workflow.flow.opinion')} className="whitespace-pre-wrap">{e.opinion ?? '—'}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
