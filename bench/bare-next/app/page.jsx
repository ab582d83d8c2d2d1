// Rendered per request like the platform's pages, so the comparison is like for like.
export const dynamic = 'force-dynamic';

export default function Page() {
  return (
    <main>
      <h1>认证认可一站式服务平台</h1>
      <p>一个最简单的 Next.js 16 页面，作为页面体积基准。</p>
    </main>
  );
}
