'use client';
import * as React from 'react';
import { useTranslations } from 'next-intl';
import { Loader2, Printer } from 'lucide-react';
import { Button } from '@/components/ui/button';

const MAX = 50;

/**
 * 批量打印所选: the rows' checkboxes (`form` = this id, value = certificate id)
 * become one PDF (/staff/certificates/print), opened for printing once ready.
 */
export function BatchPrint({ id, endpoint }: { id: string; endpoint: string }) {
  const t = useTranslations('console.print');
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

  const print = async () => {
    const ids = boxes().filter((b) => b.checked).map((b) => b.value);
    setError(undefined);
    if (ids.length === 0) return setError(t('none'));
    if (ids.length > MAX) return setError(t('tooMany', { max: MAX }));
    setBusy(true);
    try {
      const res = await fetch(`${endpoint}?ids=${ids.join(',')}`, { credentials: 'same-origin' });
      if (!res.ok) {
        const body = await res.json().catch(() => null);
        return setError((body as { message?: string } | null)?.message ?? res.statusText);
      }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = (res.headers.get('content-disposition')?.match(/filename="([^"]+)"/)?.[1]) ?? 'certificates.pdf';
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form id={id} className="flex flex-wrap items-center gap-2" onSubmit={(e) => (e.preventDefault(), void print())}>
      <Button type="submit" size="sm" variant="outline" disabled={busy} aria-describedby={`${id}-hint`} data-testid="batch-print">
        {busy ? <Loader2 className="h-4 w-4 animate-spin" aria-hidden /> : <Printer className="h-4 w-4" aria-hidden />}
        {busy ? t('preparing') : `${t('selected')}（${count}）`}
      </Button>
      <span id={`${id}-hint`} className="text-xs text-muted-foreground">
        {t('hint')}
      </span>
      {error && (
        <span role="alert" className="text-sm text-danger">
          {error}
        </span>
      )}
    </form>
  );
}
