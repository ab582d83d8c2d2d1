import { getTranslations } from 'next-intl/server';
import { Button } from '@/components/ui/button';
import { Input, Label } from '@/components/ui/input';

/** A plain GET form (works without JavaScript): /verify?number=… redirects to /verify/<number>. */
export async function VerifyForm({ defaultValue }: { defaultValue?: string }) {
  const t = await getTranslations('pdf.verify');
  return (
    <form action="/verify" method="get" className="flex flex-wrap items-end gap-3">
      <div className="flex min-w-56 flex-1 flex-col gap-1">
        <Label htmlFor="verify-number">{t('number')}</Label>
        <Input id="verify-number" name="number" defaultValue={defaultValue} required maxLength={64} autoComplete="off" spellCheck={false} />
      </div>
      <Button type="submit">{t('submit')}</Button>
    </form>
  );
}
