import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAction, invokeAction } from '@/lib/platform/auth/action-core';
import { ANONYMOUS } from '@/lib/platform/auth/actor';
import { inZodLocale, setZodLocale } from '@/i18n/zod-locale';
import { parseEnv } from '@/lib/platform/env';

const CJK = /[\u4e00-\u9fff]/;

// A schema that leaves zod to word its messages (no message of its own).
const def = defineAction({
  access: { kind: 'public' },
  schema: z.object({ count: z.number(), id: z.uuid() }),
  handler: async () => 'never reached',
});
const call = (locale: 'zh-CN' | 'en') => invokeAction(def, { db: {} as never, actor: async () => ANONYMOUS, ip: null, locale }, { count: 'three', id: 'x' });

describe("zod's own messages follow the language", () => {
  it('Chinese by default, English for an English request, and Chinese again afterwards', async () => {
    setZodLocale('zh-CN');
    const zh = await call('zh-CN');
    expect(zh).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    const zhErrors = (zh as { fieldErrors: Record<string, string[]> }).fieldErrors;
    expect(zhErrors.count[0]).toMatch(CJK);
    expect(zhErrors.id[0]).toMatch(CJK);

    const en = (await call('en')) as { fieldErrors: Record<string, string[]> };
    expect(en.fieldErrors.count[0]).not.toMatch(CJK);
    expect(en.fieldErrors.count[0]).toMatch(/number/i);
    expect(en.fieldErrors.id[0]).toMatch(/uuid/i);

    // The switch was only around that parse.
    expect(z.number().safeParse('x').error!.issues[0].message).toMatch(CJK);
  });

  it('restores the previous language even when the parse throws', () => {
    setZodLocale('zh-CN');
    expect(() =>
      inZodLocale('en', () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(z.string().safeParse(1).error!.issues[0].message).toMatch(CJK);
  });

  it('configuration errors stay English for the operator', () => {
    setZodLocale('zh-CN');
    let message = '';
    try {
      parseEnv({ OUTBOX_POLL_MS: 'often' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('OUTBOX_POLL_MS');
    expect(message).not.toMatch(CJK);
  });
});
