'use client';
import { useEffect, useImperativeHandle, useMemo, useRef, useState, type ReactNode, type Ref } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { findProvince, isPlaceholderCityName, isRegionCodeShape, provinceEntries, provinceName, provinceRegionsUrl, type ProvinceRegions, type RegionBranch } from '@/lib/reference/provinces';
import { cn } from '@/lib/utils';
import { useHydrated } from './use-hydrated';

/**
 * Cascading province → city → district picker: three labelled native selects.
 * The value is the most specific code chosen (a province while nothing below
 * it is chosen yet).
 *
 * The bundle holds only the 34 provinces (lib/reference/provinces.ts); a
 * province's cities and districts are fetched from the cached region route
 * (GET /api/regions/<code>?v=<data version>) once it is chosen or the value
 * names it. Meanwhile the selects below it are disabled and say 加载中…; a
 * failed fetch says so with a 重试 button.
 *
 * Placeholder city nodes (市辖区, 县, 省直辖县级行政区划 …) are never shown:
 * - in municipalities (北京, 天津, 上海, 重庆) every city node is a placeholder,
 *   so the city select is left out and the district select lists their districts;
 * - elsewhere a placeholder's children (e.g. 仙桃市, 五指山市) are listed as cities.
 */
export type RegionPickerHandle = { focus: () => void };

type CityOption = { code: string; name: string; nameEn: string; districts: readonly RegionBranch[] };
type Model = { cities: CityOption[]; districts: readonly RegionBranch[] };

// ---- the province's subtree, fetched once per page session -----------------

const loaded = new Map<string, ProvinceRegions>();
const pending = new Map<string, Promise<ProvinceRegions>>();

function loadProvince(code: string): Promise<ProvinceRegions> {
  const done = loaded.get(code);
  if (done) return Promise.resolve(done);
  let p = pending.get(code);
  if (!p) {
    p = fetch(provinceRegionsUrl(code), { headers: { Accept: 'application/json' } })
      .then(async (res) => {
        if (!res.ok) throw new Error(`regions ${code}: HTTP ${res.status}`);
        const body = (await res.json()) as ProvinceRegions;
        loaded.set(code, body);
        return body;
      })
      // A failure is not kept: 重试 fetches again.
      .finally(() => pending.delete(code));
    pending.set(code, p);
  }
  return p;
}

type Load = { status: 'none' } | { status: 'loading' } | { status: 'failed'; retry: () => void } | { status: 'ready'; data: ProvinceRegions | null };

/** The subtree of `province` ('' for none): ready at once for a province without subdivisions or one already fetched. */
function useProvinceRegions(province: string): Load {
  const [result, setResult] = useState<{ code: string; data?: ProvinceRegions; failed?: boolean } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const entry = province ? findProvince(province) : undefined;
  const cached = entry ? loaded.get(entry.code) : undefined;
  const needsFetch = !!entry && !entry.leaf && !cached;
  useEffect(() => {
    if (!needsFetch) return;
    let live = true;
    loadProvince(province).then(
      (data) => live && setResult({ code: province, data }),
      () => live && setResult({ code: province, failed: true }),
    );
    return () => {
      live = false;
    };
  }, [province, needsFetch, attempt]);
  if (!entry) return { status: 'none' };
  if (entry.leaf) return { status: 'ready', data: null };
  if (cached) return { status: 'ready', data: cached };
  if (result?.code === province && result.failed) {
    return {
      status: 'failed',
      retry: () => {
        setResult(null);
        setAttempt((n) => n + 1);
      },
    };
  }
  return { status: 'loading' };
}

function modelFor(data: ProvinceRegions | null, municipality: boolean): Model {
  const nodes = data?.cities ?? [];
  if (municipality) return { cities: [], districts: nodes.flatMap((c) => c.children ?? []) };
  const cities = nodes.flatMap((c): CityOption[] =>
    isPlaceholderCityName(c.name)
      ? (c.children ?? []).map((d) => ({ code: d.code, name: d.name, nameEn: d.nameEn, districts: [] }))
      : [{ code: c.code, name: c.name, nameEn: c.nameEn, districts: c.children ?? [] }],
  );
  return { cities, districts: [] };
}

/** The province / city / district shown for a code (below the province only once its subtree is there). */
function selectionOf(code: string, model: Model | null, municipality: boolean): { province: string; city: string; district: string } {
  const none = { province: '', city: '', district: '' };
  if (!code || !isRegionCodeShape(code)) return none;
  const province = `${code.slice(0, 2)}0000`;
  if (code === province || !model) return { ...none, province };
  if (municipality) return { ...none, province, district: model.districts.some((d) => d.code === code) ? code : '' };
  if (model.cities.some((c) => c.code === code)) return { ...none, province, city: code };
  const city = model.cities.find((c) => c.districts.some((d) => d.code === code));
  return city ? { province, city: city.code, district: code } : { ...none, province };
}

const selectClass =
  'h-10 w-full rounded-md border border-border bg-white px-3 text-sm focus-visible:outline-2 focus-visible:outline-primary disabled:bg-muted disabled:text-muted-foreground aria-[invalid=true]:border-danger';

export function RegionPicker({
  value,
  onChange,
  onBlur,
  id,
  invalid,
  disabled,
  ref,
  'aria-describedby': describedBy,
}: {
  value?: string;
  onChange: (code: string) => void;
  onBlur?: () => void;
  /** Base id: the selects get `${id}-province`, `${id}-city` and `${id}-district`. */
  id: string;
  invalid?: boolean;
  disabled?: boolean;
  ref?: Ref<RegionPickerHandle>;
  'aria-describedby'?: string;
}) {
  const t = useTranslations('auth.org');
  const tr = useTranslations('regions');
  const locale = useLocale();
  // Names in the reader's language: the official English names of provinces and prefectures, pinyin below them.
  const name = (n: { name: string; nameEn: string }) => (locale === 'en' ? n.nameEn : n.name);
  // Uncontrolled use keeps its own value; with `value` the parent owns it.
  const [own, setOwn] = useState('');
  const current = value ?? own;
  const provinceCode = isRegionCodeShape(current) ? `${current.slice(0, 2)}0000` : '';
  const municipality = findProvince(provinceCode)?.municipality ?? false;
  const load = useProvinceRegions(provinceCode);
  const data = load.status === 'ready' ? load.data : undefined;
  const model = useMemo(() => (data === undefined ? null : modelFor(data, municipality)), [data, municipality]);
  const sel = selectionOf(current, model, municipality);
  const cities = model?.cities ?? [];
  const districts = municipality ? (model?.districts ?? []) : (cities.find((c) => c.code === sel.city)?.districts ?? []);
  const loading = load.status === 'loading';
  const failed = load.status === 'failed' ? load : null;

  const provinceRef = useRef<HTMLSelectElement>(null);
  const cityRef = useRef<HTMLSelectElement>(null);
  const districtRef = useRef<HTMLSelectElement>(null);
  // Focus goes to the first level still to be chosen.
  useImperativeHandle(ref, () => ({
    focus: () => {
      const next = !sel.province ? provinceRef : !municipality && cities.length > 0 && !sel.city ? cityRef : districts.length > 0 && !sel.district ? districtRef : provinceRef;
      (next.current ?? provinceRef.current)?.focus();
    },
  }));

  const emit = (code: string) => {
    setOwn(code);
    onChange(code);
  };
  // Until React has hydrated, a choice would be reset by the first render: the selects wait, disabled.
  const hydrated = useHydrated();
  const common = { disabled: disabled || !hydrated, 'aria-invalid': invalid || undefined, 'aria-describedby': describedBy, className: selectClass };
  const level = (key: 'province' | 'city' | 'district', label: string, select: ReactNode) => (
    <div className="flex flex-col gap-1">
      <label htmlFor={`${id}-${key}`} className="text-xs text-muted-foreground">
        {label}
      </label>
      {select}
    </div>
  );
  // The first option of the city and district selects: what the select is waiting for.
  const waiting = loading ? tr('loading') : null;

  return (
    <div
      className="flex flex-col gap-2"
      data-testid={`${id}-picker`}
      // Blur counts once focus leaves the picker, not when moving between its selects.
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) onBlur?.();
      }}
    >
      <div className={cn('grid gap-2', municipality ? 'sm:grid-cols-2' : 'sm:grid-cols-3')}>
        {level(
          'province',
          t('province'),
          <select id={`${id}-province`} ref={provinceRef} value={sel.province} onChange={(e) => emit(e.target.value)} {...common}>
            <option value="">{t('selectPlaceholder')}</option>
            {provinceEntries.map((p) => (
              <option key={p.code} value={p.code}>
                {provinceName(p, locale)}
              </option>
            ))}
          </select>,
        )}
        {!municipality &&
          level(
            'city',
            t('city'),
            <select
              id={`${id}-city`}
              ref={cityRef}
              value={sel.city}
              onChange={(e) => emit(e.target.value || sel.province)}
              {...common}
              disabled={common.disabled || cities.length === 0}
            >
              <option value="">{waiting ?? (sel.province && model && cities.length === 0 ? t('noSubdivision') : t('selectPlaceholder'))}</option>
              {cities.map((c) => (
                <option key={c.code} value={c.code}>
                  {name(c)}
                </option>
              ))}
            </select>,
          )}
        {level(
          'district',
          t('district'),
          <select
            id={`${id}-district`}
            ref={districtRef}
            value={sel.district}
            onChange={(e) => emit(e.target.value || sel.city || sel.province)}
            {...common}
            disabled={common.disabled || districts.length === 0}
          >
            <option value="">
              {waiting ?? (sel.province && model && districts.length === 0 && (municipality || sel.city || cities.length === 0) ? t('noSubdivision') : t('selectPlaceholder'))}
            </option>
            {districts.map((d) => (
              <option key={d.code} value={d.code}>
                {name(d)}
              </option>
            ))}
          </select>,
        )}
      </div>
      {failed && (
        <div role="alert" className="flex flex-wrap items-center gap-2 text-sm text-danger" data-testid={`${id}-load-failed`}>
          <span>{tr('loadFailed')}</span>
          <Button type="button" variant="outline" size="sm" onClick={failed.retry}>
            {tr('retry')}
          </Button>
        </div>
      )}
    </div>
  );
}
