import NextAuth from 'next-auth';
import { authOptions } from '@/lib/platform/auth/next-auth';

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: Ctx) {
  return NextAuth(await authOptions())(req, ctx);
}

export { handler as GET, handler as POST };
