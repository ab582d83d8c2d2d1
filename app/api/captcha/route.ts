import { NextResponse } from 'next/server';
import { env } from '@/lib/platform/env';
import { createChallenge } from '@/lib/platform/auth/captcha';
import { authSecret } from '@/lib/platform/auth/secret';
import { defineRoute } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

/** A fresh proof-of-work challenge for the captcha widget (the sign-in and sign-up forms: no session to read). */
export const GET = defineRoute({
  access: { kind: 'public' },
  session: false,
  handler: async ({ db, now }) => {
    const challenge = createChallenge(await authSecret(db), env().CAPTCHA_MAX_NUMBER, now().getTime());
    return NextResponse.json(challenge, { headers: { 'Cache-Control': 'no-store' } });
  },
});
