import { clsx, type ClassValue } from 'clsx';
import { twMerge } from 'tailwind-merge';

/** `cn` in server components: clsx, then tailwind-merge (later classes win over conflicting earlier ones). Never in the browser: see lib/cn-client.ts. */
export function cn(...inputs: ClassValue[]) {
  return twMerge(clsx(inputs));
}
