import { ChartSvg } from './ChartSvg.tsx';
import { useWidth } from './useWidth.ts';

/** One category's bar: its rate (share selected, or scoring above the median) and how it stands. */
export interface RateBar {
  key: string;
  label: string;
  candidates: number;
  /** hits / candidates */
  hits: number;
  rate: number | null;
  /** under 2 % of the data: drawn, but no ratio (grey) */
  excluded: boolean;
  /** impact ratio below the flag (red) */
  flagged: boolean;
}

const ROW = 46;
const TOP = 8;
const AXIS = 26;
const LEFT = 8;
const RIGHT = 12;
const TICKS = [0, 0.25, 0.5, 0.75, 1];

export const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)} %`);

/** What a bar's value reads: "45.0 % · 9 of 20", and why it has no ratio. */
function valueText(b: RateBar): string {
  const base = `${percent(b.rate)} · ${b.hits} of ${b.candidates}`;
  return b.excluded ? `${base} (under 2 %, no ratio)` : b.flagged ? `${base} (below 0.8)` : base;
}

/**
 * A rate per category as an SVG bar chart sized to its container, with the four-fifths line: the
 * dashed line at 0.8 × the highest rate of the categories that get a ratio, so a bar ending left
 * of it has an impact ratio below 0.8 (drawn red). Categories under 2 % of the data are grey.
 * Categories without candidates are left out of the chart (the table lists them).
 */
export function ImpactRateChart({
  title,
  bars,
  reference,
  flagAt,
  testId,
}: {
  title: string;
  bars: RateBar[];
  /** the highest rate among categories that get a ratio; null: no line */
  reference: number | null;
  flagAt: number;
  testId?: string;
}) {
  const [wrap, width] = useWidth();
  const shown = bars.filter((b) => b.candidates > 0);
  if (shown.length === 0) return <p className="muted">No candidate in these categories.</p>;

  const plot = width - LEFT - RIGHT;
  const x = (rate: number) => LEFT + Math.max(0, Math.min(1, rate)) * plot;
  const height = TOP + shown.length * ROW + AXIS;
  const line = reference === null || reference === 0 ? null : reference * flagAt;
  const maxChars = Math.max(14, Math.floor(plot / 8.5));
  const shorten = (text: string) =>
    text.length > maxChars ? `${text.slice(0, maxChars - 1).trimEnd()}…` : text;
  const summary = shown.map((b) => `${b.label}: ${valueText(b)}`).join('; ');
  const lineText =
    line === null ? 'No four-fifths line (no highest rate).' : `Four-fifths line at ${percent(line)}.`;

  return (
    <figure className="chart impact-chart">
      <div ref={wrap} className="chart-frame">
        <ChartSvg
          width={width}
          height={height}
          title={title}
          description={`${summary}. ${lineText}`}
          testId={testId}
        >
          {TICKS.map((t) => (
            <g key={t} className="chart-grid">
              <line x1={x(t)} x2={x(t)} y1={TOP} y2={height - AXIS + 4} />
              <text x={x(t)} y={height - 8} textAnchor={t === 0 ? 'start' : t === 1 ? 'end' : 'middle'}>
                {`${t * 100} %`}
              </text>
            </g>
          ))}
          {shown.map((b, i) => {
            const y = TOP + i * ROW;
            const state = b.excluded ? 'impact-excluded' : b.flagged ? 'impact-flagged' : 'impact-ok';
            return (
              <g key={b.key} className="chart-row" data-category={b.key} data-state={state}>
                <text className="chart-label" x={LEFT} y={y + 14}>
                  {shorten(b.label)}
                </text>
                <text className="chart-value" x={width - RIGHT} y={y + 14} textAnchor="end">
                  {percent(b.rate)}
                </text>
                <rect className="chart-track" x={LEFT} y={y + 20} width={plot} height={16} rx={3} />
                {b.rate !== null ? (
                  <rect
                    className={`chart-bar ${state}`}
                    x={LEFT}
                    y={y + 20}
                    width={Math.max(3, x(b.rate) - LEFT)}
                    height={16}
                    rx={3}
                  />
                ) : null}
              </g>
            );
          })}
          {line === null ? null : (
            <line
              className="chart-threshold"
              x1={x(line)}
              x2={x(line)}
              y1={TOP}
              y2={height - AXIS + 4}
              data-testid={testId ? `${testId}-line` : undefined}
              data-rate={line}
            />
          )}
        </ChartSvg>
      </div>
      <figcaption className="chart-legend">
        <span>
          <span className="legend-swatch" aria-hidden="true" /> 0.8 × the highest rate
          {line === null ? '' : ` (${percent(line)})`}
        </span>
        <span>
          <span className="legend-swatch band impact-ok" aria-hidden="true" /> impact ratio 0.8 or more
        </span>
        <span>
          <span className="legend-swatch band impact-flagged" aria-hidden="true" /> below 0.8
        </span>
        <span>
          <span className="legend-swatch band impact-excluded" aria-hidden="true" /> under 2 % of the data (no
          ratio)
        </span>
      </figcaption>
    </figure>
  );
}
