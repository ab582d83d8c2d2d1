/** A determinate progress bar (role=progressbar with aria-valuenow) with a label and the percentage or a note. */
export function ProgressBar({ percent, label, note }: { percent: number; label: string; note?: string }) {
  return (
    <div className="flex flex-col gap-1">
      <div className="flex justify-between text-xs text-muted-foreground">
        <span className="truncate">{label}</span>
        <span>{note ?? `${percent}%`}</span>
      </div>
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-2 overflow-hidden rounded-full bg-muted">
        <div className="h-full bg-primary transition-[width] duration-150" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
