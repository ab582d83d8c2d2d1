import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import { CLIENT_NAMESPACES, pickMessages, type ClientScope } from './client-messages';

type Tree = Parameters<typeof pickMessages>[0];

// One picked sub-catalog per (locale catalog, scope): the catalogs are module constants.
const picked = new WeakMap<object, Map<ClientScope, Tree>>();

function pickFor(messages: Tree, scope: ClientScope): Tree {
  let byScope = picked.get(messages);
  if (!byScope) picked.set(messages, (byScope = new Map()));
  let out = byScope.get(scope);
  if (!out) byScope.set(scope, (out = pickMessages(messages, CLIENT_NAMESPACES[scope])));
  return out;
}

/**
 * The next-intl client provider of one layout: locale, time zone and formats as
 * on the server, and only the messages its client components use
 * (i18n/client-messages.ts). The only NextIntlClientProvider of the app; a
 * layout whose client components use no next-intl renders <NoIntlProvider>
 * instead (i18n/no-provider.tsx), which keeps next-intl out of its scripts.
 */
export async function ScopedIntlProvider({ scope, children }: { scope: ClientScope; children: React.ReactNode }) {
  const messages = (await getMessages()) as Tree;
  return <NextIntlClientProvider messages={pickFor(messages, scope)}>{children}</NextIntlClientProvider>;
}
