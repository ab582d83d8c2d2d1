/** Plain text with its http(s) URLs turned into links (mailbox bodies carry verify/reset links). */
export function LinkifiedText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"'，。）)]+)/g);
  return (
    <span className="whitespace-pre-wrap break-words">
      {parts.map((p, i) =>
        /^https?:\/\//.test(p) ? (
          <a key={i} href={p} className="text-primary underline">
            {p}
          </a>
        ) : (
          p
        ),
      )}
    </span>
  );
}
