import type { MetadataRoute } from 'next';

/**
 * robots.txt: the public site (home, module pages, notices, help, the
 * verification form) may be indexed; the portal, the staff console, the
 * mailbox, payments, uploads, sign-in flows and the API may not.
 */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: [{ userAgent: '*', allow: '/', disallow: ['/portal', '/staff', '/api/', '/mailbox', '/pay/', '/m/', '/verify/', '/account/', '/recover', '/activate', '/accreditation/'] }],
  };
}
