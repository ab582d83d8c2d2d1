import { PageLoading } from '@/components/layout/page-loading';

/** Shown inside the shell at once while the page reads its data. */
export default function Loading() {
  return <PageLoading />;
}
