'use client';
import * as React from 'react';
import { useTranslations } from 'next-intl';
import { Field } from '@/components/forms/field';
import { Input, Select } from '@/components/ui/input';
import { findMajor, majorGroups, oldMajorOptions } from '@/lib/reference/majors';

/**
 * 专业 (seed 002 §1B): 理工科 candidates pick the major from the catalog by
 * its new name (专业名称) or by its old name (原专业名称, 新旧专业对照); either
 * choice fills the major below with the catalog's new name. Others type it.
 */
export function MajorPicker({
  majorType,
  majorCode,
  majorName,
  onChange,
  errors,
}: {
  majorType: 'science' | 'other' | undefined;
  majorCode: string | undefined;
  majorName: string | undefined;
  onChange: (v: { majorType?: 'science' | 'other'; majorCode?: string; majorName?: string }) => void;
  errors: { majorType?: string; majorCode?: string; majorName?: string };
}) {
  const t = useTranslations('personnel.profile');
  const [oldKey, setOldKey] = React.useState('');
  const current = majorCode ? findMajor(majorCode) : undefined;
  const pick = (code: string) => {
    const m = findMajor(code);
    onChange({ majorCode: m?.code ?? '', majorName: m?.name ?? '' });
  };
  return (
    <fieldset className="flex flex-col gap-3 sm:col-span-2" data-testid="major-picker">
      <legend className="text-sm font-medium text-slate-700 before:mr-0.5 before:text-danger before:content-['*']">{t('majorType')}</legend>
      <div className="flex gap-6 text-sm" role="radiogroup" aria-invalid={errors.majorType ? true : undefined}>
        {(['science', 'other'] as const).map((k) => (
          <label key={k} className="flex items-center gap-2">
            <input
              type="radio"
              name="majorType"
              value={k}
              checked={majorType === k}
              onChange={() => {
                setOldKey('');
                onChange({ majorType: k, majorCode: '', majorName: '' });
              }}
            />
            {t(`majorTypes.${k}`)}
          </label>
        ))}
      </div>
      {errors.majorType && <p className="text-sm text-danger">{errors.majorType}</p>}
      {majorType === 'science' && (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="majorNew" label={t('majorNew')} hint={t('majorPickHint')}>
            <Select
              value={current?.code ?? ''}
              onChange={(e) => {
                setOldKey('');
                pick(e.target.value);
              }}
            >
              <option value="">{t('choose')}</option>
              {majorGroups.map((g) => (
                <optgroup key={`${g.discipline}${g.group}`} label={`${g.discipline} · ${g.group}`}>
                  {g.majors.map((m) => (
                    <option key={m.code} value={m.code}>
                      {m.name}（{m.code}）
                    </option>
                  ))}
                </optgroup>
              ))}
            </Select>
          </Field>
          <Field id="majorOld" label={t('majorOld')} hint={t('majorOldHint')}>
            <Select
              value={oldKey}
              onChange={(e) => {
                setOldKey(e.target.value);
                const o = oldMajorOptions.find((x) => x.key === e.target.value);
                if (o) pick(o.code);
              }}
            >
              <option value="">{t('choose')}</option>
              {oldMajorOptions.map((o) => (
                <option key={o.key} value={o.key}>
                  {o.oldName === o.name ? `${o.oldName}（${o.oldCode}）` : t('oldOption', { old: o.oldName, code: o.oldCode, name: o.name })}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="majorCode" label={t('major')} required error={errors.majorCode} className="sm:col-span-2">
            <Input readOnly value={current ? `${current.name}（${current.code}）` : ''} placeholder={t('majorFilledHere')} data-testid="major-filled" />
          </Field>
        </div>
      )}
      {majorType === 'other' && (
        <Field id="majorName" label={t('major')} required error={errors.majorName}>
          <Input value={majorName ?? ''} maxLength={50} onChange={(e) => onChange({ majorName: e.target.value })} />
        </Field>
      )}
    </fieldset>
  );
}
