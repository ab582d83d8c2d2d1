'use client';
import { useImperativeHandle, useMemo, useRef, useState, type ReactNode, type Ref } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { childrenOf, isPlaceholderCityName, isValidRegionCode, regionLevel, regionName, regions, type RegionNode } from '@/lib/reference/regions';
import { cn } from '@/lib/utils';
import { useHydrated } from './use-hydrated';

/**
 * Cascading province → city → district picker: three labelled native selects.
 * The value is the most specific code chosen (a province while nothing below
 * it is chosen yet).
 *
 * Placeholder city nodes (市辖区, 县, 省直辖县级行政区划 …) are never shown:
 * - in municipalities (北京, 天津, 上海, 重庆) every city node is a placeholder,
 *   so the city select is left out and the district select lists their districts;
 * - elsewhere a placeholder's children (e.g. 仙桃市, 五指山市) are listed as cities.
 */
export type RegionPickerHandle = { focus: () => void };

type CityOption = { code: string; name: string; districts: readonly RegionNode[] };
type Model = { municipality: boolean; cities: CityOption[]; districts: readonly RegionNode[] };

function modelFor(provinceCode: string): Model {
  const nodes = provinceCode ? childrenOf(provinceCode) : [];
  if (nodes.length > 0 && nodes.every((c) => isPlaceholderCityName(c.name))) {
    return { municipality: true, cities: [], districts: nodes.flatMap((c) => c.children ?? []) };
  }
  const cities = nodes.flatMap((c): CityOption[] =>
    isPlaceholderCityName(c.name) ? (c.children ?? []).map((d) => ({ code: d.code, name: d.name, districts: [] })) : [{ code: c.code, name: c.name, districts: c.children ?? [] }],
  );
  return { municipality: false, cities, districts: [] };
}

/** The province / city / district shown for a code. */
function selectionOf(code: string): { province: string; city: string; district: string } {
  const none = { province: '', city: '', district: '' };
  if (!code || !isValidRegionCode(code)) return none;
  const province = `${code.slice(0, 2)}0000`;
  const level = regionLevel(code);
  if (level === 'province') return { ...none, province };
  const m = modelFor(province);
  if (m.municipality) return { ...none, province, district: level === 'district' ? code : '' };
  if (m.cities.some((c) => c.code === code)) return { ...none, province, city: code };
  const city = m.cities.find((c) => c.districts.some((d) => d.code === code));
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
  const locale = useLocale();
  // Names in the reader's language: the official English names of provinces and prefectures, pinyin below them.
  const name = (n: { code: string; name: string }) => regionName(n.code, locale) ?? n.name;
  // Uncontrolled use keeps its own value; with `value` the parent owns it.
  const [own, setOwn] = useState('');
  const current = value ?? own;
  const sel = selectionOf(current);
  const model = useMemo(() => modelFor(sel.province), [sel.province]);
  const districts = model.municipality ? model.districts : (model.cities.find((c) => c.code === sel.city)?.districts ?? []);

  const provinceRef = useRef<HTMLSelectElement>(null);
  const cityRef = useRef<HTMLSelectElement>(null);
  const districtRef = useRef<HTMLSelectElement>(null);
  // Focus goes to the first level still to be chosen.
  useImperativeHandle(ref, () => ({
    focus: () => {
      const next = !sel.province ? provinceRef : !model.municipality && model.cities.length > 0 && !sel.city ? cityRef : districts.length > 0 && !sel.district ? districtRef : provinceRef;
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

  return (
    <div
      className={cn('grid gap-2', model.municipality ? 'sm:grid-cols-2' : 'sm:grid-cols-3')}
      data-testid={`${id}-picker`}
      // Blur counts once focus leaves the picker, not when moving between its selects.
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) onBlur?.();
      }}
    >
      {level(
        'province',
        t('province'),
        <select id={`${id}-province`} ref={provinceRef} value={sel.province} onChange={(e) => emit(e.target.value)} {...common}>
          <option value="">{t('selectPlaceholder')}</option>
          {regions.map((p) => (
            <option key={p.code} value={p.code}>
              {name(p)}
            </option>
          ))}
        </select>,
      )}
      {!model.municipality &&
        level(
          'city',
          t('city'),
          <select
            id={`${id}-city`}
            ref={cityRef}
            value={sel.city}
            onChange={(e) => emit(e.target.value || sel.province)}
            {...common}
            disabled={common.disabled || model.cities.length === 0}
          >
            <option value="">{sel.province && model.cities.length === 0 ? t('noSubdivision') : t('selectPlaceholder')}</option>
            {model.cities.map((c) => (
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
          <option value="">{sel.province && districts.length === 0 && (model.municipality || sel.city || model.cities.length === 0) ? t('noSubdivision') : t('selectPlaceholder')}</option>
          {districts.map((d) => (
            <option key={d.code} value={d.code}>
              {name(d)}
            </option>
          ))}
        </select>,
      )}
    </div>
  );
}
