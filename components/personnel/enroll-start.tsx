'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { FormAlert } from '@/components/forms/field';
import { HydratedButton } from '@/components/forms/hydrated-button';
import { INSPECTION_CATEGORIES, INSPECTION_ITEMS, TESTING_ITEMS, TYPE_TEST_ITEMS, type InspectionCategory, type PlanKind } from '@/lib/modules/personnel/catalog';
import { ENROLLMENT_KIND } from '@/lib/modules/personnel/enrollment/schemas';
import { createApplicationAction } from '@/lib/platform/workflow/actions/create-application';
import { cn } from '@/lib/utils';

/**
 * The first step of an enrollment (seed 002 §5–§7): choose the category
 * (检验员/检验师, inspection only) and the item; 下一步 opens the enrollment
 * (a draft) where the form, the materials and the exam plan follow. Items
 * with an open exam plan say so.
 */
export function EnrollStart({ planKind, openItems }: { planKind: PlanKind; openItems: Record<string, number> }) {
  const t = useTranslations('personnel.enroll');
  const tc = useTranslations('personnel.categories');
  const router = useRouter();
  const [category, setCategory] = React.useState<InspectionCategory | ''>('');
  const [item, setItem] = React.useState('');
  const [error, setError] = React.useState<string>();
  const [busy, setBusy] = React.useState(false);
  const items = planKind === 'inspection' ? (category ? INSPECTION_ITEMS[category] : []) : planKind === 'testing' ? TESTING_ITEMS : TYPE_TEST_ITEMS;

  const start = async () => {
    setError(undefined);
    if (planKind === 'inspection' && !category) return setError(t('chooseCategory'));
    if (!item) return setError(t('chooseItem'));
    setBusy(true);
    const r = await createApplicationAction({ kind: ENROLLMENT_KIND[planKind], data: planKind === 'inspection' ? { category, item } : { item }, mode: 'draft' });
    setBusy(false);
    if (!r.ok) return setError(r.message);
    router.push(`/portal/personnel/enrollments/${r.data.id}/edit`);
  };

  return (
    <div className="flex flex-col gap-5" data-testid="enroll-start">
      {planKind === 'inspection' && (
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium">{t('step1Category')}</legend>
          <div className="flex flex-wrap gap-3">
            {INSPECTION_CATEGORIES.map((c) => (
              <label key={c} className={cn('flex cursor-pointer items-center gap-2 rounded-md border px-4 py-2 text-sm', category === c ? 'border-primary bg-primary-soft' : 'border-border')}>
                <input
                  type="radio"
                  name="category"
                  value={c}
                  checked={category === c}
                  onChange={() => {
                    setCategory(c);
                    setItem('');
                  }}
                />
                {tc(c)}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">{planKind === 'inspection' ? t('step2Item') : t('step1Item')}</legend>
        {items.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('categoryFirst')}</p>
        ) : (
          <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3" role="radiogroup">
            {items.map((i) => (
              <label key={i.code} className={cn('flex cursor-pointer items-start gap-2 rounded-md border px-3 py-2 text-sm', item === i.code ? 'border-primary bg-primary-soft' : 'border-border')}>
                <input type="radio" name="item" value={i.code} checked={item === i.code} onChange={() => setItem(i.code)} className="mt-1" />
                <span className="flex flex-col">
                  <span>
                    {i.name}（{i.code}）
                  </span>
                  <span className={cn('text-xs', openItems[i.code] ? 'text-green-800' : 'text-muted-foreground')}>{openItems[i.code] ? t('plansOpen', { count: openItems[i.code] }) : t('noPlanOpen')}</span>
                </span>
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <FormAlert message={error} />
      <div>
        <HydratedButton type="button" disabled={busy} onClick={() => void start()}>
          {busy ? t('starting') : t('next')}
        </HydratedButton>
      </div>
    </div>
  );
}
