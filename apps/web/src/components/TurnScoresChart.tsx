import { type InterviewTurn, PHASE_LABELS, type Phase } from '../api.ts';
import { ChartSvg } from './ChartSvg.tsx';
import { useWidth } from './useWidth.ts';

const TOP = 12;
const BOTTOM = 24;
const LEFT = 30;
const HEIGHT = 170;
const TICKS = [0, 50, 100];

/** Bars coloured by score on the default recommendation bands, as a reading aid. */
const BANDS = [
  { min: 80, className: 'band-strong', label: '80 and up' },
  { min: 65, className: 'band-hire', label: '65–79' },
  { min: 45, className: 'band-lean', label: '45–64' },
  { min: 0, className: 'band-low', label: 'under 45' },
] as const;

const band = (score: number) => (BANDS.find((b) => score >= b.min) ?? BANDS[3]).className;

/**
 * The score of every evaluated turn, in order, as it comes in: one bar a turn (follow-ups
 * lighter), so a recruiter sees the trend at a glance instead of reading each card. The same
 * figures are in a text description for screen readers and on the turn cards below. An answer
 * the evaluator could not judge has no score: no bar (its slot stays empty), named in the text.
 */
export function TurnScoresChart({ turns, totalTurns }: { turns: InterviewTurn[]; totalTurns: number }) {
  const [wrap, width] = useWidth();
  const scored = turns.filter(
    (t): t is InterviewTurn & { score: number } => t.score !== null && !t.unscorable,
  );
  const unscored = turns.filter((t) => t.unscorable);
  if (scored.length === 0) return null;

  const slots = Math.max(totalTurns, turns.at(-1)?.turn ?? 0, 1);
  const plot = { w: width - LEFT - 4, h: HEIGHT - TOP - BOTTOM };
  const slot = plot.w / slots;
  const barWidth = Math.max(4, Math.min(36, slot * 0.7));
  const y = (score: number) => TOP + plot.h - (Math.max(0, Math.min(100, score)) / 100) * plot.h;
  const xOf = (turn: number) => LEFT + (turn - 0.5) * slot;
  const phase = (t: InterviewTurn) => PHASE_LABELS[t.phase as Phase] ?? t.phase;
  const summary = scored
    .map((t) => `turn ${t.turn} (${phase(t)}${t.kind === 'follow_up' ? ', follow-up' : ''}) ${t.score}`)
    .join(', ');
  const notScored = unscored.length
    ? `; not scored, needs review: turn ${unscored.map((t) => t.turn).join(', turn ')}`
    : '';
  const labelEvery = slot < 22 ? Math.ceil(22 / slot) : 1;

  return (
    <figure className="chart turn-chart">
      <div ref={wrap} className="chart-frame">
        <ChartSvg
          width={width}
          height={HEIGHT}
          title="Score of each answered turn, out of 100"
          description={`${summary}${notScored}.`}
          testId="turn-scores-chart"
        >
          {TICKS.map((t) => (
            <g key={t} className="chart-grid">
              <line x1={LEFT} x2={width - 4} y1={y(t)} y2={y(t)} />
              <text x={LEFT - 6} y={y(t) + 4} textAnchor="end">
                {t}
              </text>
            </g>
          ))}
          {scored.map((t) => (
            <g key={t.turn}>
              <rect
                className={`chart-bar turn-bar ${band(t.score)}${t.kind === 'follow_up' ? ' follow-up' : ''}`}
                x={xOf(t.turn) - barWidth / 2}
                y={y(t.score)}
                width={barWidth}
                height={Math.max(2, TOP + plot.h - y(t.score))}
                rx={3}
              />
              {slot >= 22 ? (
                <text
                  className="chart-value"
                  x={xOf(t.turn)}
                  y={Math.max(11, y(t.score) - 4)}
                  textAnchor="middle"
                >
                  {t.score}
                </text>
              ) : null}
            </g>
          ))}
          {Array.from({ length: slots }, (_, i) => i + 1)
            .filter((turn) => (turn - 1) % labelEvery === 0)
            .map((turn) => (
              <text key={turn} className="chart-axis" x={xOf(turn)} y={HEIGHT - 6} textAnchor="middle">
                {turn}
              </text>
            ))}
        </ChartSvg>
      </div>
      <figcaption className="chart-legend">
        <span>Turns 1–{slots}; bar height is the score</span>
        {BANDS.map((b) => (
          <span key={b.className}>
            <span className={`legend-swatch band ${b.className}`} aria-hidden="true" /> {b.label}
          </span>
        ))}
        <span>
          <span className="legend-swatch follow-up" aria-hidden="true" /> dashed outline: a follow-up
        </span>
      </figcaption>
    </figure>
  );
}
