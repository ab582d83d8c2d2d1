'use client';
import * as React from 'react';
import { useTranslations } from 'next-intl';
import { Download, Loader2 } from 'lucide-react';
import { Button } from '@/components/ui/button';

/**
 * 导出 Excel with a progress indicator: the button is disabled and reads
 * 正在导出… until the file has arrived, then the browser saves it.
 */
export function ExportButton({ href, fallbackName, testId }: { href: string; fallbackName: string; testId?: string }) {
  const t = useTranslations('console.export');
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<string>();
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const res = await fetch(href, { credentials: 'same-origin' });
      if (!res.ok) return setError((await res.text().catch(() => '')) || t('failed'));
      const disposition = res.headers.get('content-disposition') ?? '';
      const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
      const name = star ? decodeURIComponent(star) : (/filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName);
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
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
    <span className="inline-flex items-center gap-2">
      <Button type="button" size="sm" variant="outline" disabled={busy} aria-busy={busy} onClick={() => void run()} data-testid={testId}>
        {busy ? <Loader2 className="mr-1 h-4 w-4 animate-spin" aria-hidden /> : <Download className="mr-1 h-4 w-4" aria-hidden />}
        {busy ? t('exporting') : t('button')}
      </Button>
      {error && (
        <span role="alert" className="text-sm text-danger">
          {error}
        </span>
      )}
    </span>
  );
}
