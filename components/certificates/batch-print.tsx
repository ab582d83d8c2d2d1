'use client';
import * as React from 'react';
import { useTranslations } from 'next-intl';
import { Loader2, Printer } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';

/** At most this many documents in one PDF (lib/platform/pdf/batch.ts PDF_BATCH_MAX). */
const MAX = 50;

/**
 * 批量打印所选: the rows' checkboxes (`form` = this id, value = the row's id)
 * become one PDF (`endpoint?ids=…`), after a confirmation naming the count,
 * saved for printing once ready. `what` names the documents (certificates,
 * admission tickets, letters) in the button, the hint and the confirmation.
 */
export function BatchPrint({
  id,
  endpoint,
  what = 'certificates',
  testId = 'batch-print',
  selectPage = false,
  children,
}: {
  id: string;
  endpoint: string;
  what?: 'certificates' | 'tickets' | 'letters';
  testId?: string;
  /** A 全选本页 / 取消全选 toggle over the page's enabled checkboxes. */
  selectPage?: boolean;
  /** Further fields of the form (e.g. which letter), sent with the ids. */
  children?: React.ReactNode;
}) {
  const t = useTranslations('console.print');
  const noun = t(`what.${what}`);
  const [error, setError] = React.useState<string>();
  const [busy, setBusy] = React.useState(false);
  const [count, setCount] = React.useState(0);
  const boxes = React.useCallback(() => [...document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][form="${id}"]`)], [id]);
  React.useEffect(() => {
    const update = () => setCount(boxes().filter((b) => b.checked).length);
    update();
    document.addEventListener('change', update);
    return () => document.removeEventListener('change', update);
  }, [boxes]);

  const enabled = () => boxes().filter((b) => !b.disabled);
  const allChecked = count > 0 && enabled().every((b) => b.checked);
  const toggleAll = () => {
    const next = !allChecked;
    for (const b of enabled()) b.checked = next;
    setCount(boxes().filter((b) => b.checked).length);
  };

  const validate = () => {
    const n = boxes().filter((b) => b.checked).length;
    setError(undefined);
    if (n === 0) return setError(t('none', { what: noun })), false;
    if (n > MAX) return setError(t('tooMany', { max: MAX, what: noun })), false;
    return true;
  };

  const print = async () => {
    const ids = boxes().filter((b) => b.checked).map((b) => b.value);
    const query = new URLSearchParams();
    const form = document.getElementById(id);
    if (form instanceof HTMLFormElement) for (const [k, v] of new FormData(form)) if (k !== 'ids' && typeof v === 'string') query.set(k, v);
    query.set('ids', ids.join(','));
    setBusy(true);
    try {
      const res = await fetch(`${endpoint}?${query.toString().replace(/%2C/g, ',')}`, { credentials: 'same-origin' });
      if (!res.ok) {
        const body = await res.json().catch(() => null);
        return setError((body as { message?: string } | null)?.message ?? t('failed'));
      }
      const disposition = res.headers.get('content-disposition') ?? '';
      const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = star ? decodeURIComponent(star) : (/filename="([^"]+)"/.exec(disposition)?.[1] ?? `${what}.pdf`);
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      setError(t('failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form id={id} className="flex flex-wrap items-center gap-2" onSubmit={(e) => e.preventDefault()}>
      {children}
      {selectPage && (
        <Button type="button" size="sm" variant="ghost" onClick={toggleAll} data-testid={`${testId}-select-page`}>
          {allChecked ? t('clearPage') : t('selectPage')}
        </Button>
      )}
      <ConfirmDialog
        trigger={
          <Button type="button" size="sm" variant="outline" disabled={busy} aria-busy={busy} aria-describedby={`${id}-hint`} data-testid={testId}>
            {busy ? <Loader2 className="h-4 w-4 animate-spin" aria-hidden /> : <Printer className="h-4 w-4" aria-hidden />}
            {busy ? t('preparing') : `${t('selectedOf', { what: noun })}（${count}）`}
          </Button>
        }
        title={t('confirmTitle', { what: noun })}
        description={t('confirmBody', { count, what: noun })}
        confirmLabel={t('confirm')}
        cancelLabel={t('cancel')}
        danger={false}
        beforeOpen={validate}
        onConfirm={print}
      />
      <span id={`${id}-hint`} className="text-xs text-muted-foreground">
        {t('hintOf', { max: MAX, what: noun })}
      </span>
      {error && (
        <span role="alert" className="text-sm text-danger">
          {error}
        </span>
      )}
    </form>
  );
}
