import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Button } from '@/components/ui/button';
import { Input, Label, Select } from '@/components/ui/input';
import { PROVINCE_OPTIONS, REVIEW_TYPES, STAGES } from '@/lib/modules/review/constants';
import { LIST_STATUS_OPTIONS } from '@/lib/modules/review/filters';
import type { ProjectFilter } from '@/lib/modules/review/queries';

/** The projects list's filters (a GET form: the URL is the filter, so it can be bookmarked and exported). */
export async function ProjectFilters({ action, filter, mine }: { action: string; filter: ProjectFilter & { mine?: boolean }; mine?: boolean }) {
  const t = await getTranslations('review');
  return (
    <form method="get" action={action} role="search" aria-label={t('list.filters')} className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6 lg:items-end">
      <div className="col-span-2 flex flex-col gap-1">
        <Label htmlFor="f-q">{t('list.search')}</Label>
        <Input id="f-q" name="q" defaultValue={filter.q} className="h-8" maxLength={64} placeholder={t('list.searchPlaceholder')} />
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="f-status">{t('list.columns.status')}</Label>
        <Select id="f-status" name="status" defaultValue={filter.status ?? ''} className="h-8">
          <option value="">{t('list.all')}</option>
          {LIST_STATUS_OPTIONS.map((s) => (
            <option key={s} value={s}>
              {t(`options.listStatus.${s}` as never)}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="f-stage">{t('list.columns.stage')}</Label>
        <Select id="f-stage" name="stage" defaultValue={filter.stage ?? ''} className="h-8">
          <option value="">{t('list.all')}</option>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {t(`options.stage.${s}` as never)}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="f-type">{t('list.columns.reviewType')}</Label>
        <Select id="f-type" name="reviewType" defaultValue={filter.reviewType ?? ''} className="h-8">
          <option value="">{t('list.all')}</option>
          {REVIEW_TYPES.map((s) => (
            <option key={s} value={s}>
              {t(`options.reviewType.${s}` as never)}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="f-province">{t('list.columns.province')}</Label>
        <Select id="f-province" name="province" defaultValue={filter.province ?? ''} className="h-8">
          <option value="">{t('list.all')}</option>
          {PROVINCE_OPTIONS.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </Select>
      </div>
      {mine !== undefined && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="mine" value="1" defaultChecked={Boolean(filter.mine)} />
          {t('list.mine')}
        </label>
      )}
      <div className="flex gap-2 lg:col-span-1">
        <Button type="submit" size="sm">
          {t('list.apply')}
        </Button>
        <Button asChild size="sm" variant="outline">
          <Link href={action}>{t('list.reset')}</Link>
        </Button>
      </div>
    </form>
  );
}
