// The reference of bench/page-weight.ts: the smallest Next.js 16 App Router page (no fonts, no CSS, no client code).
export const metadata = { title: 'Bare Next.js page' };

export default function RootLayout({ children }) {
  return (
    <html lang="zh-CN">
      <body>{children}</body>
    </html>
  );
}
