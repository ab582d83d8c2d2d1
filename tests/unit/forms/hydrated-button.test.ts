import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { HydratedButton } from '@/components/forms/hydrated-button';

/**
 * The submit button of the exam steps' forms is disabled in the server's HTML (an early click must not post the
 * form as plain HTML) and keeps its own `disabled` once hydrated. The browser half — enabled after hydration —
 * is walked by tests/e2e/exam-registration.spec.ts, which saves each step with it.
 */
describe('HydratedButton', () => {
  it('is disabled in the server-rendered HTML', () => {
    const html = renderToString(createElement(HydratedButton, { type: 'submit' }, '保存'));
    expect(html).toMatch(/<button[^>]*disabled=""/);
    expect(html).toContain('保存');
  });

  it('passes the other props through', () => {
    const html = renderToString(createElement(HydratedButton, { type: 'submit', className: 'mt-2', 'aria-describedby': 'x' }, 'Go'));
    expect(html).toContain('type="submit"');
    expect(html).toContain('aria-describedby="x"');
    expect(html).toMatch(/class="[^"]*mt-2/);
  });
});
