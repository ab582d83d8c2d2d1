/**
 * A notice's plain-text body: a blank line separates paragraphs, single line
 * breaks stay. Rendered as text nodes only, so markup typed into a notice is
 * shown, never interpreted.
 */
export function NoticeBody({ body }: { body: string }) {
  const paragraphs = body
    .split(/\n[ \t\u3000]*\n/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '');
  return (
    <div className="flex flex-col gap-3 leading-7" data-testid="notice-body">
      {paragraphs.map((p, i) => (
        <p key={i} className="whitespace-pre-line break-words">
          {p}
        </p>
      ))}
    </div>
  );
}
