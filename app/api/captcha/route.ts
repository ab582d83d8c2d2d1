import { NextResponse } from 'next/server';
import { getDb } from '@/db';
import { env } from '@/lib/platform/env';
import { createChallenge } from '@/lib/platform/auth/captcha';
import { authSecret } from '@/lib/platform/auth/secret';

export const dynamic = 'force-dynamic';

/** A fresh proof-of-work challenge for the captcha widget. */
export async function GET() {
  const challenge = createChallenge(await authSecret(await getDb()), env().CAPTCHA_MAX_NUMBER);
  return NextResponse.json(challenge, { headers: { 'Cache-Control': 'no-store' } });
}
