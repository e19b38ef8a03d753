import { type AtsCall, callFailed, formatInstant } from './ats-call.ts';
import { ChartSvg, niceCeil } from './ChartSvg.tsx';
import { useWidth } from './useWidth.ts';

const HEIGHT = 150;
const TOP = 10;
const BOTTOM = 22;
const LEFT = 48;
const RIGHT = 4;

const shortTime = (iso: string) =>
  new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * The latency of each call loaded, oldest left, as an SVG column chart sized to its container:
 * failed calls in red, so slow stretches and runs of errors stand out. The figures are its text
 * description for screen readers and a tooltip per call; the call log's table lists every call.
 * `calls` (at least one) are newest first, as the log loads them; `label` names the ATS.
 */
export function AtsCallChart({ calls, label }: { calls: AtsCall[]; label: string }) {
  const [wrap, width] = useWidth();
  const ordered = [...calls].reverse();
  const failures = ordered.filter(callFailed).length;
  const latencies = ordered.map((c) => c.latencyMs).sort((a, b) => a - b);
  const median = latencies[Math.floor((latencies.length - 1) / 2)] ?? 0;
  const slowest = latencies.at(-1) ?? 0;
  const top = niceCeil(slowest);
  const plot = { w: width - LEFT - RIGHT, h: HEIGHT - TOP - BOTTOM };
  const slot = plot.w / ordered.length;
  const barWidth = Math.max(1, Math.min(24, slot * 0.7));
  const y = (ms: number) => TOP + plot.h - (ms / top) * plot.h;
  const ticks = Number.isInteger(top / 2) ? [0, top / 2, top] : [0, top];
  const first = ordered[0]!;
  const last = ordered.at(-1)!;
  const summary =
    `${ordered.length} ${ordered.length === 1 ? 'call' : 'calls'} from ${formatInstant(first.at)} to ${formatInstant(last.at)}; ` +
    `${failures} failed; median latency ${median} ms, slowest ${slowest} ms`;

  return (
    <figure className="chart ats-calls-chart">
      <div ref={wrap} className="chart-frame">
        <ChartSvg
          width={width}
          height={HEIGHT}
          title={`Latency of the last ${ordered.length} ${ordered.length === 1 ? 'call' : 'calls'} with ${label}`}
          description={`${summary}.`}
          testId="ats-calls-chart"
        >
          {ticks.map((t) => (
            <g key={t} className="chart-grid">
              <line x1={LEFT} x2={width - RIGHT} y1={y(t)} y2={y(t)} />
              <text x={LEFT - 6} y={y(t) + 4} textAnchor="end">
                {t} ms
              </text>
            </g>
          ))}
          {ordered.map((c, i) => {
            const bad = callFailed(c);
            return (
              <g
                key={c.id}
                className="chart-call"
                data-operation={c.operation}
                data-status={c.status ?? ''}
                data-failed={bad}
              >
                <title>{`${shortTime(c.at)} · ${c.direction === 'in' ? 'in' : 'out'} ${c.operation} · ${c.status === null ? 'no answer' : `HTTP ${c.status}`} · ${c.latencyMs} ms${c.error ? ` · ${c.error}` : ''}`}</title>
                <rect
                  className={bad ? 'ats-call-failed' : 'ats-call-ok'}
                  x={LEFT + (i + 0.5) * slot - barWidth / 2}
                  y={y(c.latencyMs)}
                  width={barWidth}
                  height={Math.max(1, y(0) - y(c.latencyMs))}
                />
              </g>
            );
          })}
          <text className="chart-axis" x={LEFT} y={HEIGHT - 6} textAnchor="start">
            {shortTime(first.at)}
          </text>
          {ordered.length > 1 ? (
            <text className="chart-axis" x={width - RIGHT} y={HEIGHT - 6} textAnchor="end">
              {shortTime(last.at)}
            </text>
          ) : null}
        </ChartSvg>
      </div>
      <figcaption className="chart-legend">
        <span>Column: one call’s latency, oldest left</span>
        <span>
          <span className="legend-swatch band ats-call-ok" aria-hidden="true" /> answered
        </span>
        <span>
          <span className="legend-swatch band ats-call-failed" aria-hidden="true" /> failed
        </span>
      </figcaption>
    </figure>
  );
}
