import { cookies } from 'next/headers';
import { TEXT_SIZE_COOKIE, toTextSize } from '@/lib/text-size';
import { TextSizeToggle } from './text-size-toggle';

/** The 大字模式 toggle of the page headers, starting from the visitor's remembered choice. */
export async function TextSizeSwitch({ className }: { className?: string }) {
  const initial = toTextSize((await cookies()).get(TEXT_SIZE_COOKIE)?.value);
  return <TextSizeToggle initial={initial} className={className} />;
}
