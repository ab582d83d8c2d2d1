'use server';
import { redirect } from 'next/navigation';
import { bindAction } from '../../auth/actions';
import { sandboxPayDef } from '../checkout';

/**
 * The sandbox cashier's buttons (a plain form post, so they work without
 * JavaScript): the outcome comes from the pressed button, the signed request
 * from hidden fields. Success leaves the cashier for the merchant's return URL;
 * a refusal comes back to the page as a message.
 */
export async function sandboxPayAction(_prev: { error?: string } | undefined, form: FormData): Promise<{ error?: string }> {
  const params: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (k.startsWith('p_') && typeof v === 'string') params[k.slice(2)] = v;
  const r = await bindAction(sandboxPayDef)({ orderNumber: String(form.get('orderNumber') ?? ''), outcome: String(form.get('outcome') ?? '') as 'pay', dropNotify: form.get('dropNotify') === 'on', params });
  if (!r.ok) return { error: r.message };
  redirect(r.data.redirectTo);
}
