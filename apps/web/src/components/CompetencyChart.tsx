import type { Report } from '../api.ts';
import { ChartSvg } from './ChartSvg.tsx';
import { useWidth } from './useWidth.ts';

type Competency = Report['competencies'][number];

const ROW = 46;
const TOP = 8;
const AXIS = 26;
const TICKS = [0, 25, 50, 75, 100];

function band(score: number, t: Report['thresholds']): string {
  if (score >= t.strongHire) return 'band-strong';
  if (score >= t.hire) return 'band-hire';
  if (score >= t.leanNo) return 'band-lean';
  return 'band-low';
}

/**
 * Competency scores as an SVG bar chart sized to its container (so text is never scaled down on
 * a phone), with the hire threshold marked, overridden scores showing the evaluated score as a
 * tick, a text summary for screen readers and the same data as a table.
 */
export function CompetencyChart({
  competencies,
  thresholds,
}: {
  competencies: Competency[];
  thresholds: Report['thresholds'];
}) {
  const [wrap, width] = useWidth();

  if (competencies.length === 0) return <p className="muted">No competency was scored.</p>;

  const left = 8;
  const right = 44; // room for the score after the bar
  const plot = width - left - right;
  const x = (score: number) => left + (Math.max(0, Math.min(100, score)) / 100) * plot;
  const height = TOP + competencies.length * ROW + AXIS;
  // Roughly 9 px per character of the 14 px bold label: cut long names to the chart's width.
  const maxChars = Math.max(12, Math.floor((width - left) / 9));
  const shorten = (text: string) =>
    text.length > maxChars ? `${text.slice(0, maxChars - 1).trimEnd()}…` : text;
  const summary = competencies
    .map((c) => `${c.name} ${Math.round(c.effectiveScore)}${c.override ? ' (overridden)' : ''}`)
    .join(', ');

  return (
    <figure className="chart">
      <div ref={wrap} className="chart-frame">
        <ChartSvg
          width={width}
          height={height}
          title="Competency scores out of 100"
          description={`${summary}. Hire threshold ${thresholds.hire}.`}
        >
          {TICKS.map((t) => (
            <g key={t} className="chart-grid">
              <line x1={x(t)} x2={x(t)} y1={TOP} y2={height - AXIS + 4} />
              <text x={x(t)} y={height - 8} textAnchor="middle">
                {t}
              </text>
            </g>
          ))}
          <line
            className="chart-threshold"
            x1={x(thresholds.hire)}
            x2={x(thresholds.hire)}
            y1={TOP}
            y2={height - AXIS + 4}
          />
          {competencies.map((c, i) => {
            const y = TOP + i * ROW;
            const score = Math.round(c.effectiveScore);
            return (
              <g key={c.id} className="chart-row">
                <text className="chart-label" x={left} y={y + 14}>
                  {shorten(`${c.name}${c.override ? ' (overridden)' : ''}`)}
                </text>
                <rect className="chart-track" x={left} y={y + 20} width={plot} height={16} rx={3} />
                <rect
                  className={`chart-bar ${band(c.effectiveScore, thresholds)}`}
                  x={left}
                  y={y + 20}
                  width={Math.max(2, x(c.effectiveScore) - left)}
                  height={16}
                  rx={3}
                />
                {c.override ? (
                  <line className="chart-original" x1={x(c.score)} x2={x(c.score)} y1={y + 17} y2={y + 39} />
                ) : null}
                <text className="chart-value" x={x(c.effectiveScore) + 6} y={y + 33}>
                  {score}
                </text>
              </g>
            );
          })}
        </ChartSvg>
      </div>
      <figcaption className="chart-legend">
        <span>
          <span className="legend-swatch threshold" aria-hidden="true" /> hire threshold ({thresholds.hire})
        </span>
        <span>
          <span className="legend-swatch original" aria-hidden="true" /> evaluated score, where overridden
        </span>
      </figcaption>
      <details className="chart-table">
        <summary>Show the scores as a table</summary>
        <table>
          <caption className="sr-only">Competency scores</caption>
          <thead>
            <tr>
              <th scope="col">Competency</th>
              <th scope="col">Evaluated</th>
              <th scope="col">Override</th>
              <th scope="col">Effective</th>
              <th scope="col">Turns</th>
            </tr>
          </thead>
          <tbody>
            {competencies.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.name}</th>
                <td>{Math.round(c.score)}</td>
                <td>{c.override ? `${c.override.score} (${c.override.reason})` : '—'}</td>
                <td>{Math.round(c.effectiveScore)}</td>
                <td>{c.turns.join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
