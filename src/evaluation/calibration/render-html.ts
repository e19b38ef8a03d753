import { fmt100, fmtGrade, fmtSigned, NONE } from './format.ts';
import type { CalibrationReport } from './report.ts';
import { calibrationCells, figureRows, questionCells } from './rows.ts';
import { formatScale } from './scale.ts';

/**
 * The calibration report as one self-contained HTML page (no scripts, no external resources):
 * the figures, an inline SVG scatter plot of human grade (x) against score (y, 0-100) with the
 * line a perfectly calibrated evaluator would follow, and the tables. Every text that comes from
 * the data (answers, ids, summaries, the bank's name) is escaped.
 */

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** FNV-1a (32 bit) of a string, as a number in [0, 1): the same id always jitters the same way. */
export function unitHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 2 ** 32;
}

const W = 720;
const H = 420;
const M = { left: 52, right: 16, top: 16, bottom: 44 };

function scatter(report: CalibrationReport): string {
  const { min, max } = report.scale;
  const steps = max - min;
  const x = (grade: number) => M.left + ((grade - (min - 0.5)) / (steps + 1)) * (W - M.left - M.right);
  const y = (score: number) => M.top + (1 - score / 100) * (H - M.top - M.bottom);
  const parts: string[] = [];

  // axes, grid and ticks
  for (let s = 0; s <= 100; s += 20) {
    parts.push(
      `<line class="grid" x1="${M.left}" x2="${W - M.right}" y1="${y(s).toFixed(1)}" y2="${y(s).toFixed(1)}"/>`,
      `<text class="tick" x="${M.left - 6}" y="${(y(s) + 4).toFixed(1)}" text-anchor="end">${s}</text>`,
    );
  }
  const every = Math.max(1, Math.ceil(steps / 20));
  for (let g = min; g <= max; g += every) {
    parts.push(
      `<text class="tick" x="${x(g).toFixed(1)}" y="${H - M.bottom + 16}" text-anchor="middle">${g}</text>`,
    );
  }
  parts.push(
    `<line class="axis" x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}"/>`,
    `<line class="axis" x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}"/>`,
    `<text class="label" x="${(M.left + W - M.right) / 2}" y="${H - 6}" text-anchor="middle">human grade (${formatScale(report.scale)})</text>`,
    `<text class="label" transform="translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">score (0-100)</text>`,
    `<line class="ideal" x1="${x(min).toFixed(1)}" y1="${y(0).toFixed(1)}" x2="${x(max).toFixed(1)}" y2="${y(100).toFixed(1)}"><title>a perfectly calibrated evaluator: the grade on 0-100</title></line>`,
  );

  // one point per item; jitter from the id's hash (deterministic), small enough that half
  // grades stay apart from whole ones
  for (const item of report.items) {
    const jx = (unitHash(item.id) - 0.5) * 0.36;
    const jy = (unitHash(`${item.id}\u0000y`) - 0.5) * 2;
    const cx = x(item.human + jx);
    const cy = y(Math.max(0, Math.min(100, item.score + jy)));
    const cls =
      item.unscorable !== null ? 'point unscorable' : item.fallback !== null ? 'point fallback' : 'point';
    const title = `${item.id} (${item.questionId}): grade ${fmtGrade(item.human)}, score ${item.score}${item.unscorable !== null ? `, unscorable: ${item.unscorable}` : ''}${item.fallback !== null ? `, fallback: ${item.fallback}` : ''}`;
    parts.push(
      `<circle class="${cls}" data-id="${escapeHtml(item.id)}" cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="3"><title>${escapeHtml(title)}</title></circle>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="human grade against score, one point per answer">\n${parts.join('\n')}\n</svg>`;
}

const row = (cells: string[], tag = 'td') => `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join('')}</tr>`;
const tableHtml = (head: string[], rows: string[][], cls = '') =>
  `<table${cls ? ` class="${cls}"` : ''}><thead>${row(head, 'th')}</thead><tbody>${rows.map((r) => row(r)).join('\n')}</tbody></table>`;

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 960px; padding: 0 1rem; color: #1d232b; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: .5rem 0; } th, td { padding: .25rem .6rem; border-bottom: 1px solid #dde2e8; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.bar { background: #e8ecf1; width: 200px; height: .8rem; position: relative; }
.bar span { display: block; height: 100%; background: #3867d6; }
.bar i { position: absolute; top: -2px; bottom: -2px; width: 2px; background: #d63838; }
.answer { white-space: pre-wrap; max-width: 560px; }
.note { color: #5b6673; }
svg .grid { stroke: #eef1f4; } svg .axis { stroke: #8a949f; } svg .ideal { stroke: #d63838; stroke-dasharray: 4 4; }
svg .tick, svg .label { font-size: 11px; fill: #5b6673; }
svg .point { fill: #3867d6; fill-opacity: .45; } svg .point.fallback { fill: #e08a1e; } svg .point.unscorable { fill: none; stroke: #8a949f; }
`;

export function renderCalibrationHtml(report: CalibrationReport): string {
  const r = report;
  const e = escapeHtml;
  const figures = tableHtml(['figure', 'value', 'meaning'], figureRows(r));
  const calibration = tableHtml(
    ['grade', 'n', 'expected', 'mean score', ''],
    r.calibration.map((c) => [
      ...calibrationCells(c),
      `<div class="bar" title="mean score ${fmt100(c.meanScore)}, expected ${fmt100(c.expected)}"><span style="width:${Math.max(0, Math.min(100, c.meanScore)).toFixed(1)}%"></span><i style="left:${Math.max(0, Math.min(100, c.expected)).toFixed(1)}%"></i></div>`,
    ]),
  );
  const questions = tableHtml(
    ['question', 'n', 'pearson r', 'mean grade', 'mean score', 'MAE'],
    r.questions.map((q) => {
      const [id = '', ...rest] = questionCells(q);
      return [e(id), ...rest];
    }),
  );
  const disagreements =
    r.disagreements.length === 0
      ? `<p>${NONE}</p>`
      : tableHtml(
          ['#', 'answer', 'grade', 'score', 'difference', 'evaluator'],
          r.disagreements.map((d, i) => [
            String(i + 1),
            `<strong>${e(d.id)}</strong> <span class="note">(${e(d.questionId)})</span><div class="answer">${e(d.answer)}</div>`,
            fmtGrade(d.human),
            String(d.score),
            fmtSigned(d.difference),
            `${e(d.summary)}<div class="note">${e(d.rationale)}</div>`,
          ]),
        );
  const unscorable = r.items.filter((i) => i.unscorable !== null);
  const notes = [
    r.unscorable > 0
      ? `<p>Unscorable: ${r.unscorable} answer(s) the evaluator could not judge, left out of every figure (hollow points).</p>`
      : '',
    r.fallbacks > 0
      ? `<p>Fallbacks: ${r.fallbacks} answer(s) scored by the fallback evaluator (${e(
          Object.entries(r.fallbackReasons)
            .map(([reason, n]) => `${reason} ${n}`)
            .join(', '),
        )}; orange points).</p>`
      : '',
  ].join('');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Calibration of ${e(r.plugin.id)}@${e(r.plugin.version)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Calibration of ${e(r.plugin.name)} (${e(r.plugin.id)}@${e(r.plugin.version)})</h1>
<p>Evaluator <strong>${e(r.evaluator.name)} ${e(r.evaluator.version)}</strong> against ${r.n} human-graded answer(s) on the scale ${formatScale(r.scale)}; the figures use the ${r.n - r.unscorable} scorable one(s).</p>
${notes}
<h2>Agreement</h2>
${figures}
<h2>Human grade against score</h2>
<p class="note">One point per answer, jittered a little (by its id, the same every run) so equal pairs stay visible. The dashed line is a perfectly calibrated evaluator: the grade on 0-100.</p>
${scatter(r)}
<h2>Calibration: human grade → mean score</h2>
<p class="note">The bar is the mean score, the red mark where it would be if calibrated (the grade on 0-100).</p>
${calibration}
<h2>Per question</h2>
${questions}
<h2>Largest disagreements</h2>
${disagreements}
${
  unscorable.length > 0
    ? `<h2>Unscorable answers</h2>\n${tableHtml(
        ['answer', 'reason'],
        unscorable.map((i) => [
          `<strong>${e(i.id)}</strong> <span class="note">(${e(i.questionId)})</span><div class="answer">${e(i.answer)}</div>`,
          e(i.unscorable!),
        ]),
      )}`
    : ''
}
</body>
</html>
`;
}
