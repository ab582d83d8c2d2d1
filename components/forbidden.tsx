import { getTranslations } from 'next-intl/server';
import { ShieldAlert } from 'lucide-react';
import { Card, CardContent } from '@/components/ui/card';

/** What a signed-in actor sees on a page it may not use (the server refuses the actions too). */
export async function Forbidden({ detail }: { detail?: string }) {
  const t = await getTranslations();
  return (
    <Card className="max-w-xl" data-testid="forbidden">
      <CardContent className="flex flex-col items-center gap-2 py-10 text-center">
        <ShieldAlert className="h-8 w-8 text-danger" aria-hidden />
        <h1 className="text-lg font-semibold">{t('errorPage.forbiddenTitle')}</h1>
        <p className="text-muted-foreground">{detail ?? t('errors.FORBIDDEN')}</p>
      </CardContent>
    </Card>
  );
}
