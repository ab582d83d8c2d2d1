import { getFormatter, getTranslations } from 'next-intl/server';
import type { FlowRecordEntry } from '@/lib/platform/workflow';
import { eventLabel, roleLabel, stateLabel } from './labels';
import { ScrollRegion } from '@/components/ui/table';

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
        <ScrollRegion label={t('workflow.flow.title')}>
          <table className="w-full min-w-[36rem] text-sm" data-testid="flow-record">
            <thead className="bg-slate-50 text-left text-xs text-muted-foreground">
              <tr>
                <th className="px-3 py-2 font-medium">{t('workflow.flow.time')}</th>
                <th className="px-3 py-2 font-medium">{t('workflow.flow.actor')}</th>
                <th className="px-3 py-2 font-medium">{t('workflow.flow.action')}</th>
                <th className="px-3 py-2 font-medium">{t('workflow.flow.status')}</th>
                <th className="px-3 py-2 font-medium">{t('workflow.flow.opinion')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} className="border-t border-slate-100 align-top">
                  <td className="whitespace-nowrap px-3 py-2 tabular-nums">{f.dateTime(e.createdAt, 'datetime')}</td>
                  <td className="px-3 py-2">
                    {roleLabel(t, e.actorRole)}
                    {e.actorName && <span className="text-muted-foreground">（{e.actorName}）</span>}
                    {e.onBehalfOfName && (
                      <span className="block text-xs text-muted-foreground" data-testid="on-behalf-of">
                        {t('workflow.flow.onBehalfOf', { name: e.onBehalfOfName })}
                      </span>
                    )}
                  </td>
                  <td className="px-3 py-2">{eventLabel(t, kind, e.event, e.toStatus)}</td>
                  <td className="px-3 py-2">{stateLabel(t, kind, e.toStatus)}</td>
                  <td className="whitespace-pre-wrap px-3 py-2">{e.opinion ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
