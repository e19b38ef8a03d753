import { type Billing, QUOTA_LABELS } from '../api.ts';
import { ChartSvg } from './ChartSvg.tsx';
import { useWidth } from './useWidth.ts';

type Usage = Billing['usage'][number];

const ROW = 46;
const TOP = 6;
const LEFT = 8;
const RIGHT = 8;

/** "3 of 25", "12 · unlimited", "7 of 5 (over)": the figure a row's bar stands for (short: phones). */
export function usageText(u: Usage): string {
  if (u.limit === null) return `${u.used} · unlimited`;
  return u.used > u.limit ? `${u.used} of ${u.limit} (over)` : `${u.used} of ${u.limit}`;
}

/** The share of a limit in use (0 for unlimited; a limit of 0 with nothing used is empty). */
function shareOf(u: Usage): number {
  if (u.limit === null) return 0;
  if (u.limit === 0) return u.used > 0 ? 1 : 0;
  return u.used / u.limit;
}

/** How full a limit is, as a class: under 80 %, nearly full, full (or over). */
function level(u: Usage): string {
  const share = shareOf(u);
  if (share >= 1) return 'usage-full';
  return share >= 0.8 ? 'usage-near' : 'usage-ok';
}

/**
 * Usage against each of the plan's limits as an SVG bar chart sized to its container (one bar a
 * limit, its share of the limit filled; an unlimited one drawn as an empty dashed track), the
 * figures as its text description for screen readers and as a table on demand.
 */
export function UsageChart({ usage }: { usage: Usage[] }) {
  const [wrap, width] = useWidth();
  const plot = width - LEFT - RIGHT;
  const height = TOP + usage.length * ROW;
  const summary = usage.map((u) => `${QUOTA_LABELS[u.quota].label}: ${usageText(u)}`).join('; ');

  return (
    <figure className="chart usage-chart">
      <div ref={wrap} className="chart-frame">
        <ChartSvg
          width={width}
          height={height}
          title="Usage against the plan's limits"
          description={`${summary}.`}
          testId="usage-chart"
        >
          {usage.map((u, i) => {
            const y = TOP + i * ROW;
            const filled = Math.min(1, shareOf(u)) * plot;
            return (
              <g key={u.quota} className="chart-row" data-quota={u.quota} data-value={usageText(u)}>
                <text className="chart-label" x={LEFT} y={y + 14}>
                  {QUOTA_LABELS[u.quota].label}
                </text>
                <text className="chart-value" x={width - RIGHT} y={y + 14} textAnchor="end">
                  {usageText(u)}
                </text>
                <rect
                  className={`chart-track${u.limit === null ? ' usage-unlimited' : ''}`}
                  x={LEFT}
                  y={y + 20}
                  width={plot}
                  height={16}
                  rx={3}
                />
                {u.limit !== null && u.used > 0 ? (
                  <rect
                    className={`chart-bar ${level(u)}`}
                    x={LEFT}
                    y={y + 20}
                    width={Math.max(3, filled)}
                    height={16}
                    rx={3}
                  />
                ) : null}
              </g>
            );
          })}
        </ChartSvg>
      </div>
      <figcaption className="chart-legend">
        <span>Bar: share of the limit in use</span>
        <span>
          <span className="legend-swatch band usage-ok" aria-hidden="true" /> under 80 %
        </span>
        <span>
          <span className="legend-swatch band usage-near" aria-hidden="true" /> 80 % and more
        </span>
        <span>
          <span className="legend-swatch band usage-full" aria-hidden="true" /> limit reached
        </span>
        <span>
          <span className="legend-swatch usage-unlimited" aria-hidden="true" /> unlimited
        </span>
      </figcaption>
      <details className="chart-table">
        <summary>Show the usage as a table</summary>
        <table>
          <caption className="sr-only">Usage against the plan's limits</caption>
          <thead>
            <tr>
              <th scope="col">Limit</th>
              <th scope="col">Used</th>
              <th scope="col">Allowed</th>
            </tr>
          </thead>
          <tbody>
            {usage.map((u) => (
              <tr key={u.quota}>
                <th scope="row">{QUOTA_LABELS[u.quota].label}</th>
                <td>{u.used}</td>
                <td>{u.limit === null ? 'unlimited' : u.limit}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
