'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';

/**
 * Follows an order on the QR page: while it waits for the payment the page is
 * refreshed every few seconds (the server shows the order as it stands);
 * once paid, the payer is taken back to the module's page.
 */
export function QrPaymentWatcher({ watching, paidTo }: { watching: boolean; paidTo: string | null }) {
  const router = useRouter();
  React.useEffect(() => {
    if (paidTo) {
      const t = window.setTimeout(() => window.location.assign(paidTo), 1500);
      return () => window.clearTimeout(t);
    }
    if (!watching) return;
    const t = window.setInterval(() => {
      if (document.visibilityState === 'visible') router.refresh();
    }, 3000);
    return () => window.clearInterval(t);
  }, [watching, paidTo, router]);
  return null;
}
