import { describe, expect, it, vi } from 'vitest';
import { AppError, isAppError, isUniqueViolation, toFailure, translateError } from '@/lib/platform/errors';

describe('AppError', () => {
  it('maps codes to HTTP status', () => {
    expect(new AppError('NOT_FOUND').status).toBe(404);
    expect(new AppError('RATE_LIMITED').status).toBe(429);
    expect(new AppError('INVALID_STATE').status).toBe(409);
  });

  it('translates to Chinese by default and to English on request, with parameters', () => {
    const e = new AppError('RATE_LIMITED', { params: { seconds: 42 } });
    expect(translateError(e)).toBe('操作过于频繁，请 42 秒后再试');
    expect(translateError(e, 'en')).toBe('Too many attempts; try again in 42 seconds');
  });

  it('falls back to the code message when a specific key is missing', () => {
    expect(translateError(new AppError('FORBIDDEN', { messageKey: 'noSuchKey' }))).toBe('您没有权限进行此操作');
  });

  it('turns unknown errors into a generic failure without leaking details', () => {
    const f = toFailure(new Error('connection string with password=secret'));
    expect(f).toEqual({ ok: false, code: 'INTERNAL', message: '系统繁忙，请稍后重试', fieldErrors: undefined });
    const g = toFailure(new AppError('BAD_INPUT', { fieldErrors: { mobile: ['手机号码格式不正确'] } }));
    expect(g.fieldErrors).toEqual({ mobile: ['手机号码格式不正确'] });
  });

  it('recognizes an AppError of another bundle’s copy of the class (a kind registered at boot, thrown under a server action)', async () => {
    vi.resetModules();
    const other = await import('@/lib/platform/errors');
    expect(other.AppError).not.toBe(AppError);
    const foreign = new other.AppError('CONFLICT', { messageKey: 'workflow.errors.stale' });
    expect(foreign instanceof AppError).toBe(false);
    expect(isAppError(foreign)).toBe(true);
    expect(toFailure(foreign)).toMatchObject({ ok: false, code: 'CONFLICT', message: translateError(new AppError('CONFLICT', { messageKey: 'workflow.errors.stale' })) });
    expect(isAppError(new Error('AppError'))).toBe(false);
    expect(isAppError(null)).toBe(false);
  });

  it('recognizes a unique violation through driver and drizzle wrappers', () => {
    const pg = { code: '23505', constraint_name: 'users_id_number_unique' };
    expect(isUniqueViolation({ message: 'Failed query', cause: pg })).toBe(true);
    expect(isUniqueViolation({ cause: pg }, 'users_id_number_unique')).toBe(true);
    expect(isUniqueViolation({ cause: pg }, 'users_mobile_unique')).toBe(false);
    expect(isUniqueViolation({ cause: { code: '23503' } })).toBe(false);
  });
});
