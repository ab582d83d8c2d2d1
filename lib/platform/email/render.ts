import { createElement, type ReactElement, type ReactNode } from 'react';
import { defaultEmailEnv, type EmailEnv } from './env';

/**
 * Renders an email template (a React component) to HTML and to a readable
 * plain-text body.
 *
 * Why not react-dom/server: emails are sent from server actions, which Next.js
 * runs in the React Server Components layer, where `react-dom/server` refuses
 * to load ("not supported in React Server Components"). Email templates are
 * pure functions of their props (no hooks, no context, no async), so a small
 * walker over the element tree renders them identically in every layer: server
 * actions, route handlers, the instrumentation worker and the tests.
 *
 * The text body keeps every link as "text: URL" (the mailbox page turns URLs
 * into links, and people reading plain-text mail need them).
 */

export type EmailTemplate<P> = (props: P & { email?: EmailEnv }) => ReactElement;

export type RenderedEmail = { html: string; text: string };

type HostNode = { tag: string; props: Record<string, unknown>; children: Node[] };
type Node = string | HostNode;

const ELEMENT_TYPES = new Set([Symbol.for('react.transitional.element'), Symbol.for('react.element')]);
const FRAGMENT = Symbol.for('react.fragment');

function isElement(x: unknown): x is { type: unknown; props: Record<string, unknown> } {
  return typeof x === 'object' && x !== null && ELEMENT_TYPES.has((x as { $$typeof?: symbol }).$$typeof as symbol);
}

/** Resolves function components, fragments and arrays into a tree of host elements and strings. */
function resolve(node: ReactNode, out: Node[] = []): Node[] {
  if (node == null || typeof node === 'boolean') return out;
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'bigint') {
    out.push(String(node));
    return out;
  }
  if (Array.isArray(node)) {
    for (const child of node) resolve(child as ReactNode, out);
    return out;
  }
  if (isElement(node)) {
    const { type, props } = node;
    if (type === FRAGMENT) return resolve(props.children as ReactNode, out);
    if (typeof type === 'string') {
      out.push({ tag: type, props, children: resolve(props.children as ReactNode) });
      return out;
    }
    if (typeof type === 'function' && !(type.prototype && type.prototype.isReactComponent)) {
      const result = (type as (p: unknown) => ReactNode)(props);
      if (result && typeof (result as Promise<unknown>).then === 'function') throw new Error('email templates must be synchronous');
      return resolve(result, out);
    }
  }
  throw new Error('email templates may use only host elements, fragments and plain function components');
}

// ---- HTML -----------------------------------------------------------------

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const UNITLESS = new Set(['lineHeight', 'fontWeight', 'opacity', 'zIndex', 'flex', 'flexGrow', 'flexShrink', 'order', 'zoom']);

const ATTRIBUTE_NAMES: Record<string, string> = { className: 'class', htmlFor: 'for', httpEquiv: 'http-equiv', acceptCharset: 'accept-charset' };

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

function styleString(style: Record<string, unknown>): string {
  return Object.entries(style)
    .filter(([, v]) => v != null && v !== '' && v !== false)
    .map(([k, v]) => {
      const prop = k.startsWith('--') ? k : k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      const value = typeof v === 'number' && v !== 0 && !UNITLESS.has(k) ? `${v}px` : String(v);
      return `${prop}:${value}`;
    })
    .join(';');
}

function attributes(props: Record<string, unknown>): string {
  let out = '';
  for (const [key, value] of Object.entries(props)) {
    if (key === 'children' || key === 'key' || key === 'ref' || /^on[A-Z]/.test(key) || value == null || value === false) continue;
    if (key === 'dangerouslySetInnerHTML') throw new Error('email templates may not inject raw HTML');
    const name = ATTRIBUTE_NAMES[key] ?? (key.includes('-') ? key : key.toLowerCase());
    if (value === true) out += ` ${name}`;
    else if (key === 'style' && typeof value === 'object') {
      const s = styleString(value as Record<string, unknown>);
      if (s) out += ` style="${escapeAttr(s)}"`;
    } else out += ` ${name}="${escapeAttr(String(value))}"`;
  }
  return out;
}

function toHtml(nodes: Node[]): string {
  return nodes
    .map((n) => {
      if (typeof n === 'string') return escapeText(n);
      const open = `<${n.tag}${attributes(n.props)}>`;
      return VOID.has(n.tag) ? open : `${open}${toHtml(n.children)}</${n.tag}>`;
    })
    .join('');
}

// ---- plain text -----------------------------------------------------------

const BLOCK = new Set(['address', 'article', 'blockquote', 'center', 'div', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'li', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'ul']);
const PARAGRAPH = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol']);
// Explicit line structure inside the text; collapsed at the end.
const NL = '\u0001';
const PARA = '\u0002';

const NOT_TEXT = new Set(['head', 'title', 'style', 'script']);

function isHidden(props: Record<string, unknown>): boolean {
  const style = props.style as Record<string, unknown> | undefined;
  return props.hidden === true || style?.display === 'none' || props['data-text'] === 'skip';
}

function textOf(nodes: Node[]): string {
  let out = '';
  for (const n of nodes) {
    if (typeof n === 'string') {
      out += n.replace(/\s+/g, ' ');
      continue;
    }
    if (NOT_TEXT.has(n.tag) || isHidden(n.props)) continue;
    const inner = n.tag === 'pre' ? nodeTextPre(n.children) : textOf(n.children);
    switch (n.tag) {
      case 'br':
        out += NL;
        break;
      case 'hr':
        out += `${NL}----------------------------------------${NL}`;
        break;
      case 'img':
        if (typeof n.props.alt === 'string' && n.props.alt) out += n.props.alt;
        break;
      case 'a': {
        const href = typeof n.props.href === 'string' ? n.props.href : '';
        const label = inner.replace(/[\u0001\u0002]/g, ' ').trim();
        if (!href || /^(mailto|tel):/i.test(href)) out += label || href.replace(/^(mailto|tel):/i, '');
        else out += !label || label === href ? href : `${label}: ${href}`;
        break;
      }
      case 'td':
      case 'th':
        out += ` ${inner} `;
        break;
      case 'li':
        out += `${NL}- ${inner}${NL}`;
        break;
      default:
        if (PARAGRAPH.has(n.tag) || n.props['data-text'] === 'paragraph') out += `${PARA}${inner}${PARA}`;
        else if (BLOCK.has(n.tag)) out += `${NL}${inner}${NL}`;
        else out += inner;
    }
  }
  return out;
}

function nodeTextPre(nodes: Node[]): string {
  return nodes.map((n) => (typeof n === 'string' ? n.replace(/\n/g, NL) : nodeTextPre(n.children))).join('');
}

function tidy(raw: string): string {
  return (
    raw
      .replace(/[ \t\u00a0]+/g, ' ')
      // Spaces next to a line break are layout, not content.
      .replace(/ ?([\u0001\u0002]) ?/g, '$1')
      .replace(/ ?([\u0001\u0002]) ?/g, '$1')
      // A run of breaks is a paragraph break when any of them is one, else a line break.
      .replace(/[\u0001\u0002]+/g, (run) => (run.includes(PARA) ? '\n\n' : '\n'))
      // Table cells "申请编号：" + "A-1" read as one line without a gap.
      .replace(/： /g, '：')
      .trim()
  );
}

/** Renders a template with its props; `email` (locale, support contacts, base URL) defaults to the shipped Chinese environment. */
export function renderEmail<P extends object>(Component: EmailTemplate<P>, props: P, email: EmailEnv = defaultEmailEnv()): RenderedEmail {
  const tree = resolve(createElement(Component as (p: P & { email: EmailEnv }) => ReactElement, { ...props, email }));
  return { html: `<!DOCTYPE html>${toHtml(tree)}`, text: tidy(textOf(tree)) };
}
