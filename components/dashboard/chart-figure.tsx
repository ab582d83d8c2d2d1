'use client';
import * as React from 'react';
import Link from 'next/link';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Download } from 'lucide-react';

export type ChartSeries = {
  key: string;
  label: string;
  color: string;
  /** `mark`: a short line per row over the bars (a due date, a capacity); `table`: only in the data table. Default: a bar. */
  draw?: 'bar' | 'mark' | 'table';
  /** `fen`: an amount in fen, shown in yuan; `days`: a fractional number of days. */
  format?: 'count' | 'fen' | 'days';
};
export type ChartRow = { label: string; values: Record<string, number | null>; /** The list behind each figure, per series key. */ links?: Record<string, string | undefined> };

const show = (v: number | null | undefined, format: ChartSeries['format']) =>
  v === null || v === undefined ? '—' : format === 'fen' ? `¥${(v / 100).toFixed(2)}` : format === 'days' ? v.toFixed(1) : String(v);

/**
 * A category's label as the axis shows it: at most `max` characters, the middle left out (`2026年度…· 北京`), since
 * both ends tell the rows apart (the kind and the state, the exam and the area). The tooltip and the table keep it whole.
 */
export function axisLabel(label: string, max = 12): string {
  const chars = [...label];
  if (chars.length <= max) return label;
  const tail = Math.floor((max - 1) / 2);
  return `${chars.slice(0, max - 1 - tail).join('')}…${chars.slice(chars.length - tail).join('')}`;
}

/** A mark: a short horizontal line at the row's value (recharts calls it for each point of the series). */
function markDot(color: string) {
  function MarkDot(p: { cx?: number; cy?: number; index?: number; value?: number | null }) {
    if (p.cx === undefined || p.cy === undefined || p.value === null || p.value === undefined) return <g key={p.index} />;
    return <path key={p.index} d={`M${p.cx - 16},${p.cy}h32`} stroke={color} strokeWidth={3} />;
  }
  return MarkDot;
}

/**
 * One dashboard chart, accessible: a titled <figure> whose description and
 * data table (same figures, each linking to the list behind it) are real
 * HTML; the drawn chart itself is hidden from assistive technology.
 */
export function ChartFigure({
  id,
  title,
  description,
  series,
  rows,
  exportHref,
  labels,
  stacked = false,
  category,
  decimals = false,
}: {
  id: string;
  title: string;
  description: string;
  series: ChartSeries[];
  rows: ChartRow[];
  exportHref: string;
  labels: { showTable: string; hideTable: string; export: string; exporting: string; empty: string; category: string };
  stacked?: boolean;
  /** The first column's header (default labels.category). */
  category?: string;
  /** The values are fractional (days …). */
  decimals?: boolean;
}) {
  const [table, setTable] = React.useState(false);
  const [exporting, setExporting] = React.useState(false);
  const data = rows.map((r) => ({ label: r.label, ...r.values }));
  const drawn = series.filter((s) => s.draw !== 'table');
  const empty = rows.every((r) => drawn.filter((s) => s.draw !== 'mark').every((s) => !r.values[s.key]));

  const download = async () => {
    setExporting(true);
    try {
      const res = await fetch(exportHref, { credentials: 'same-origin' });
      if (!res.ok) return;
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `${title}.xlsx`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } finally {
      setExporting(false);
    }
  };

  return (
    <figure aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} className="flex flex-col gap-2 rounded-card border border-slate-200 bg-white p-4" data-testid={`chart-${id}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 id={`${id}-title`} className="text-sm font-semibold">
            {title}
          </h3>
          <p id={`${id}-desc`} className="text-xs text-muted-foreground">
            {description}
          </p>
        </div>
        <div className="flex gap-2">
          <button type="button" className="text-xs text-primary underline underline-offset-2" aria-expanded={table} aria-controls={`${id}-table`} onClick={() => setTable((v) => !v)}>
            {table ? labels.hideTable : labels.showTable}
          </button>
          <button type="button" className="inline-flex items-center gap-1 text-xs text-primary underline underline-offset-2 disabled:opacity-60" disabled={exporting} onClick={() => void download()}>
            <Download className="h-3.5 w-3.5" aria-hidden />
            {exporting ? labels.exporting : labels.export}
          </button>
        </div>
      </div>
      {empty ? (
        <p className="py-6 text-center text-sm text-muted-foreground">{labels.empty}</p>
      ) : (
        <div aria-hidden className="h-56 w-full">
          <ResponsiveContainer width="100%" height="100%">
            {/* The table below is the accessible form of these figures: the drawing takes no focus (aria-hidden content must not). */}
            <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" minTickGap={12} tickFormatter={(v: string) => axisLabel(v)} />
              <YAxis allowDecimals={decimals} tick={{ fontSize: 11 }} width={32} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {drawn.map((s) =>
                s.draw === 'mark' ? (
                  <Line key={s.key} dataKey={s.key} name={s.label} stroke={s.color} strokeWidth={0} dot={markDot(s.color)} activeDot={false} legendType="plainline" isAnimationActive={false} connectNulls={false} />
                ) : (
                  <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} stackId={stacked ? 'a' : undefined} isAnimationActive={false} />
                ),
              )}
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
      <div id={`${id}-table`} className={table ? 'overflow-x-auto' : 'sr-only'}>
        <table className="w-full text-xs" data-testid={`chart-${id}-table`}>
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr className="text-left text-muted-foreground">
              <th scope="col" className="px-2 py-1 font-medium">
                {category ?? labels.category}
              </th>
              {series.map((s) => (
                <th key={s.key} scope="col" className="px-2 py-1 text-right font-medium">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label} className="border-t border-slate-100">
                <th scope="row" className="px-2 py-1 text-left font-normal">
                  {r.label}
                </th>
                {series.map((s) => {
                  const v = show(s.format === 'fen' || s.format === 'days' || s.draw === 'mark' ? r.values[s.key] : (r.values[s.key] ?? 0), s.format);
                  const href = r.links?.[s.key];
                  return (
                    <td key={s.key} className="px-2 py-1 text-right tabular-nums">
                      {href ? (
                        <Link href={href} className="text-primary underline underline-offset-2" aria-label={`${r.label} ${s.label} ${v}`}>
                          {v}
                        </Link>
                      ) : (
                        v
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
