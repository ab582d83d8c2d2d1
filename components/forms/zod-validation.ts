import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldValues, ResolverOptions, ResolverResult } from 'react-hook-form';
import type { z } from 'zod';
import { localizeErrorTree } from '@/i18n/field-messages';
import { setZodLocale } from '@/i18n/zod-locale';

/**
 * The browser side of form validation, loaded on demand by useZodForm
 * (./use-zod-form.ts): zod's resolver, zod's own messages in the page's
 * language and the dictionary of the schemas' messages. Kept out of the
 * pages' first load — import it only through loadValidation().
 */
export async function resolveWithZod(schema: z.ZodType<FieldValues, FieldValues>, locale: string, values: FieldValues, context: unknown, options: ResolverOptions<FieldValues>): Promise<ResolverResult<FieldValues>> {
  setZodLocale(locale);
  const result = await zodResolver(schema as never)(values as never, context, options as never);
  localizeErrorTree(result.errors, locale);
  return result as ResolverResult<FieldValues>;
}
