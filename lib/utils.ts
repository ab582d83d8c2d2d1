/**
 * `cn(...)`: joins class names (clsx) and resolves conflicts, a later class
 * winning (`cn('px-4', 'px-2')` → `px-2`). Server components get tailwind-merge
 * (lib/cn-server.ts); client components, and the ui primitives when a client
 * component renders them, get a small merge of the groups client code
 * overrides (lib/cn-client.ts), so tailwind-merge is never in the browser's
 * scripts. The switch is package.json `imports` `#cn` (condition
 * `react-server`, the server components' layer).
 */
export { cn } from '#cn';
