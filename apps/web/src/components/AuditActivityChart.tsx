import type { AuditPerDay } from '../api.ts';
import { ChartSvg, niceCeil } from './ChartSvg.tsx';
import { useWidth } from './useWidth.ts';

type DayCount = AuditPerDay['items'][number];

const HEIGHT = 180;
const TOP = 12;
const BOTTOM = 24;
const LEFT = 34;
const RIGHT = 4;
/** Actions drawn in their own colour, the busiest first; the rest are stacked as one "other". */
const SERIES = 5;
const OTHER = '';

/** "Mar 2" for a YYYY-MM-DD day (a calendar day, read in no time zone). */
export function shortDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

/**
 * Audit entries per day as an SVG column chart sized to its container, each column stacked by
 * action (the five busiest actions of the window in their own colour, the rest as "other"): a
 * glance shows when things happened and what. Every day of `days` has a slot, empty or not. The
 * figures are its text description for screen readers, a tooltip per day, and a table on demand.
 */
export function AuditActivityChart({
  days,
  counts,
  label,
}: {
  /** every day of the window, oldest first (YYYY-MM-DD) */
  days: string[];
  counts: DayCount[];
  label: (action: string) => string;
}) {
  const [wrap, width] = useWidth();
  const inWindow = counts.filter((c) => days.includes(c.day));
  const totals = new Map<string, number>();
  for (const c of inWindow) totals.set(c.action, (totals.get(c.action) ?? 0) + c.count);
  const total = [...totals.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return <p className="empty">No entries in these {days.length} days.</p>;

  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const own = ranked.slice(0, ranked.length > SERIES + 1 ? SERIES : SERIES + 1).map(([action]) => action);
  const series = ranked.length > own.length ? [...own, OTHER] : own;
  const seriesLabel = (s: string) => (s === OTHER ? 'Other actions' : label(s));

  /** day -> action -> count */
  const byDay = new Map<string, Map<string, number>>(days.map((d) => [d, new Map()]));
  for (const c of inWindow) byDay.get(c.day)!.set(c.action, c.count);
  const countOf = (day: string, s: string) =>
    s === OTHER
      ? [...byDay.get(day)!].filter(([a]) => !own.includes(a)).reduce((sum, [, n]) => sum + n, 0)
      : (byDay.get(day)!.get(s) ?? 0);
  const dayTotal = (day: string) => [...byDay.get(day)!.values()].reduce((a, b) => a + b, 0);
  const top = niceCeil(Math.max(...days.map(dayTotal)));

  const plot = { w: width - LEFT - RIGHT, h: HEIGHT - TOP - BOTTOM };
  const slot = plot.w / days.length;
  const barWidth = Math.max(1, Math.min(28, slot * 0.7));
  const y = (n: number) => TOP + plot.h - (n / top) * plot.h;
  const ticks = Number.isInteger(top / 2) ? [0, top / 2, top] : [0, top];
  const labelEvery = Math.ceil(56 / slot);
  /** "3 API key created, 1 Role changed": every action of the day, the busiest actions first */
  const breakdown = (day: string) =>
    ranked
      .filter(([a]) => byDay.get(day)!.get(a))
      .map(([a]) => `${byDay.get(day)!.get(a)} ${label(a)}`)
      .join(', ');
  const busiest = days.reduce((a, b) => (dayTotal(b) > dayTotal(a) ? b : a));
  const summary =
    `${total} entries from ${shortDay(days[0]!)} to ${shortDay(days.at(-1)!)}; ` +
    `busiest day ${shortDay(busiest)} with ${dayTotal(busiest)}; by action: ` +
    ranked.map(([action, n]) => `${label(action)} ${n}`).join(', ');

  return (
    <figure className="chart audit-chart">
      <div ref={wrap} className="chart-frame">
        <ChartSvg
          width={width}
          height={HEIGHT}
          title="Audit entries per day, by action"
          description={`${summary}.`}
          testId="audit-chart"
        >
          {ticks.map((t) => (
            <g key={t} className="chart-grid">
              <line x1={LEFT} x2={width - RIGHT} y1={y(t)} y2={y(t)} />
              <text x={LEFT - 6} y={y(t) + 4} textAnchor="end">
                {t}
              </text>
            </g>
          ))}
          {days.map((day, i) => {
            const x = LEFT + (i + 0.5) * slot - barWidth / 2;
            let base = 0;
            return (
              <g key={day} className="chart-day" data-day={day} data-total={dayTotal(day)}>
                <title>{`${shortDay(day)}: ${dayTotal(day)} entries${dayTotal(day) ? ` (${breakdown(day)})` : ''}`}</title>
                {series.map((s) => {
                  const n = countOf(day, s);
                  if (!n) return null;
                  const rect = (
                    <rect
                      key={s || 'other'}
                      className={`audit-series-${series.indexOf(s)}${s === OTHER ? ' audit-series-other' : ''}`}
                      data-action={s || 'other'}
                      data-count={n}
                      x={x}
                      y={y(base + n)}
                      width={barWidth}
                      height={Math.max(1, y(base) - y(base + n))}
                    />
                  );
                  base += n;
                  return rect;
                })}
              </g>
            );
          })}
          {days.map((day, i) =>
            i % labelEvery === 0 ? (
              <text
                key={day}
                className="chart-axis"
                x={LEFT + (i + 0.5) * slot}
                y={HEIGHT - 6}
                textAnchor="middle"
              >
                {shortDay(day)}
              </text>
            ) : null,
          )}
        </ChartSvg>
      </div>
      <figcaption className="chart-legend">
        {series.map((s, i) => (
          <span key={s || 'other'}>
            <span
              className={`legend-swatch band audit-series-${i}${s === OTHER ? ' audit-series-other' : ''}`}
              aria-hidden="true"
            />{' '}
            {seriesLabel(s)}
          </span>
        ))}
      </figcaption>
      <details className="chart-table">
        <summary>Show the counts as a table</summary>
        <table>
          <caption className="sr-only">Audit entries per day</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Entries</th>
              <th scope="col">By action</th>
            </tr>
          </thead>
          <tbody>
            {days
              .filter((d) => dayTotal(d) > 0)
              .map((d) => (
                <tr key={d}>
                  <th scope="row">{shortDay(d)}</th>
                  <td>{dayTotal(d)}</td>
                  <td>{breakdown(d)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
