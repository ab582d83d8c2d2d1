import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Building2, User } from 'lucide-react';

export async function generateMetadata() {
  return { title: (await getTranslations('auth'))('registerTitle') };
}

export default async function RegisterChoice() {
  const t = await getTranslations('auth');
  const options = [
    { href: '/register/individual', icon: User, title: t('registerIndividual'), desc: t('registerIndividualDesc') },
    { href: '/register/organization', icon: Building2, title: t('registerOrganization'), desc: t('registerOrganizationDesc') },
  ];
  return (
    <div className="w-full max-w-2xl">
      <h1 className="mb-6 text-center text-2xl font-semibold">{t('registerTitle')}</h1>
      <ul className="grid gap-4 sm:grid-cols-2">
        {options.map((o) => (
          <li key={o.href}>
            <Link href={o.href} className="flex h-full flex-col gap-2 rounded-card border border-border bg-white p-5 hover:border-primary">
              <o.icon className="h-6 w-6 text-primary" aria-hidden />
              <span className="font-medium">{o.title}</span>
              <span className="text-sm text-muted-foreground">{o.desc}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
