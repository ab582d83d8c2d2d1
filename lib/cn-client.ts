import { clsx, type ClassValue } from 'clsx';

/**
 * `cn` in the browser (and in the server render of client components): joins
 * like clsx, then lets a later class win over an earlier one of the same group
 * for the few groups our client code actually overrides (a primitive's `h-10`
 * by a caller's `h-8`, `text-left` by `text-right` …), as tailwind-merge would.
 * tailwind-merge itself (8 KB gzip) stays on the server: server components get
 * it through lib/cn-server.ts (package.json `imports`, condition
 * `react-server`). tests/unit/platform/class-conflicts.test.ts checks, for
 * every class combination client code can put on one element, that this gives
 * the same classes as tailwind-merge: a new kind of override fails there until
 * its group is listed here.
 */

/** Class groups, by the utility without its variants (`hover:`, `aria-[…]:`). The first that matches names the group. */
const GROUPS: [group: string, test: RegExp][] = [
  ['h', /^h-/],
  ['min-w', /^min-w-/],
  ['w', /^w-/],
  ['px', /^px-/],
  ['py', /^py-/],
  ['gap', /^gap-(?![xy]-)/],
  ['flex-direction', /^flex-(row|col)(-reverse)?$/],
  ['text-align', /^text-(left|center|right|justify|start|end)$/],
  ['font-size', /^text-(xs|sm|base|lg|[2-9]?xl|\[\d+(\.\d+)?(px|rem|em)\])$/],
  ['text-color', /^text-(?!wrap$|nowrap$|balance$|pretty$|ellipsis$|clip$)/],
  ['bg-color', /^bg-(?!(linear|radial|conic|gradient|none|cover|contain|auto|center|top|bottom|left|right|repeat|no-repeat|fixed|local|scroll|clip|origin|blend)\b)/],
  ['border-color', /^border-(?!\d|\[\d|[xytblrse]\b|[xytblrse]-|solid$|dashed$|dotted$|double$|none$|hidden$|collapse$|separate$|spacing)/],
];

function groupOf(cls: string): string | null {
  // Variants end at the last ':' outside brackets (`aria-[invalid=true]:border-danger`).
  let depth = 0;
  let cut = -1;
  for (let i = 0; i < cls.length; i++) {
    const c = cls[i];
    if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === ':' && depth === 0) cut = i;
  }
  const variants = cls.slice(0, cut + 1);
  const base = cls.slice(cut + 1).replace(/^!/, '');
  for (const [group, test] of GROUPS) if (test.test(base)) return variants + group;
  return null;
}

/** Later classes win within a group; every other class is kept, in order. */
export function lightMerge(classes: string): string {
  const list = classes.split(/\s+/).filter(Boolean);
  const last = new Map<string, number>();
  list.forEach((c, i) => {
    const g = groupOf(c);
    if (g) last.set(g, i);
  });
  const seen = new Set<string>();
  return list
    .filter((c, i) => {
      const g = groupOf(c);
      if (g && last.get(g) !== i) return false;
      if (seen.has(c)) return false;
      seen.add(c);
      return true;
    })
    .join(' ');
}

export function cn(...inputs: ClassValue[]) {
  return lightMerge(clsx(inputs));
}
