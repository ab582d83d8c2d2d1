import { and, eq } from 'drizzle-orm';
import { documents } from '@/db/schema';
import type { DbOrTx } from '@/db';

/** Whether an application's slot holds a current file (for requirements that depend on the data or a setting). */
export async function hasCurrentDocument(db: DbOrTx, applicationId: string, slot: string): Promise<boolean> {
  const [row] = await db
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.applicationId, applicationId), eq(documents.slot, slot), eq(documents.status, 'current')))
    .limit(1);
  return !!row;
}

/** YYYY-MM-DD HH:mm in China time. */
export function chinaDateTime(d: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d);
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}`;
}

/** YYYY-MM-DD in China time. */
export function chinaDay(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}
