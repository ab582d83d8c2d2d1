'use client';
import { NavLink } from '@/components/layout/nav-link';

/** Module E's own navigation (seed 004: 首页, 我的任务, 评审项目管理, 单位信息管理, 动态信息管理). */
export function ReviewNav({ label, items }: { label: string; items: Array<{ href: string; label: string; exact?: boolean }> }) {
  return (
    <nav aria-label={label} className="flex flex-wrap gap-1 border-b border-border" data-testid="review-nav">
      {items.map((i) => (
        <NavLink
          key={i.href}
          href={i.href}
          exact={i.exact}
          className="-mb-px rounded-t-md border px-3 py-2 text-sm hover:text-primary"
          inactiveClassName="border-transparent text-slate-600"
          activeClassName="border-border border-b-white bg-white font-semibold text-primary"
        >
          {i.label}
        </NavLink>
      ))}
    </nav>
  );
}
