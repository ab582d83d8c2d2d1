import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Actor } from '@/lib/platform/auth/actor';
import { allows, defineAction, invokeAction } from '@/lib/platform/auth/action-core';
import { can, usableModules } from '@/lib/platform/auth/permissions';

const base = { name: 'x', sessionId: 's', mustChangePassword: false };
const anonymous: Actor = { kind: 'anonymous' };
const person: Actor = { ...base, id: 'p', kind: 'individual' };
const orgMain: Actor = { ...base, id: 'o', kind: 'organization', orgId: 'org1', isMain: true, modules: [] };
const orgSub: Actor = { ...base, id: 's', kind: 'organization', orgId: 'org1', isMain: false, modules: ['review'] };
const reviewerA: Actor = { ...base, id: 'r', kind: 'staff', roles: [{ role: 'reviewer', module: 'accreditation' }] };
const finance: Actor = { ...base, id: 'f', kind: 'staff', roles: [{ role: 'finance', module: '*' }] };

describe('can()', () => {
  it('individuals use the individual modules, organizations the organization ones', () => {
    expect(usableModules(person)).toEqual(['personnel', 'exam']);
    expect(usableModules(orgMain)).toEqual(['accreditation', 'membership', 'review']);
    expect(usableModules(anonymous)).toEqual([]);
    expect(usableModules(finance)).toEqual([]);
  });

  it('a sub-account uses only the modules its main account granted', () => {
    expect(usableModules(orgSub)).toEqual(['review']);
    expect(can(orgSub, { action: 'module.use', module: 'membership' })).toBe(false);
    expect(can(orgSub, { action: 'org.manageSubAccounts' })).toBe(false);
    expect(can(orgMain, { action: 'org.manageSubAccounts' })).toBe(true);
  });

  it('staff roles are per module where the role is', () => {
    expect(can(reviewerA, { action: 'staff.role', role: 'reviewer', module: 'accreditation' })).toBe(true);
    expect(can(reviewerA, { action: 'staff.role', role: 'reviewer', module: 'exam' })).toBe(false);
    expect(can(reviewerA, { action: 'staff.role', role: 'finance' })).toBe(false);
    expect(can(finance, { action: 'staff.role', role: 'finance', module: 'exam' })).toBe(true);
    expect(can(person, { action: 'mailbox.view' })).toBe(false);
    expect(can(finance, { action: 'mailbox.view' })).toBe(true);
  });
});

describe('action gate', () => {
  let calls = 0;
  const staffOnly = defineAction({
    access: { kind: 'staff', roles: ['reviewer'], module: 'accreditation' },
    schema: z.object({ id: z.string().uuid('编号格式不正确') }),
    handler: async () => ++calls,
  });
  const membershipAction = defineAction({ access: { kind: 'applicant', module: 'membership' }, schema: z.object({}), handler: async () => ++calls });
  const env = (actor: Actor) => ({ db: undefined as never, actor: async () => actor, ip: null, locale: 'zh-CN' as const });

  it('refuses every actor without the role and never runs the handler', async () => {
    const input = { id: '00000000-0000-4000-8000-000000000000' };
    for (const [actor, code] of [
      [anonymous, 'UNAUTHENTICATED'],
      [person, 'FORBIDDEN'],
      [orgMain, 'FORBIDDEN'],
      [finance, 'FORBIDDEN'],
      [{ ...reviewerA, roles: [{ role: 'reviewer', module: 'exam' }] } as Actor, 'FORBIDDEN'],
    ] as const) {
      expect(await invokeAction(staffOnly, env(actor), input)).toMatchObject({ ok: false, code });
    }
    expect(calls).toBe(0);
    expect(await invokeAction(staffOnly, env(reviewerA), input)).toEqual({ ok: true, data: 1 });
  });

  it('validates the input before resolving the actor', async () => {
    let resolved = false;
    const r = await invokeAction(staffOnly, { ...env(reviewerA), actor: async () => ((resolved = true), reviewerA) }, { id: 'x' });
    expect(r).toMatchObject({ ok: false, code: 'BAD_INPUT', fieldErrors: { id: ['编号格式不正确'] } });
    expect(resolved).toBe(false);
  });

  it('refuses a sub-account the modules it was not granted', async () => {
    const before = calls;
    expect(await invokeAction(membershipAction, env(orgSub), {})).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '您没有权限进行此操作' });
    expect(calls).toBe(before);
    expect(allows({ kind: 'applicant', module: 'review' }, orgSub)).toBe(true);
    expect(allows({ kind: 'applicant', orgMainOnly: true }, orgSub)).toBe(false);
    expect(allows({ kind: 'signedIn' }, anonymous)).toBe(false);
  });
});
