import { excerpt, fmtGrade, fmtSigned, NONE } from './format.ts';
import type { CalibrationReport } from './report.ts';
import { calibrationCells, figureRows, questionCells } from './rows.ts';
import { formatScale } from './scale.ts';

/** The calibration report as plain text for a terminal (stdout). */

const BLOCKS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `width` cells for a 0-100 value, in eighths of a cell. */
export function sparkBar(value: number, width = 20): string {
  const eighths = Math.round((Math.max(0, Math.min(100, value)) / 100) * width * 8);
  const full = Math.floor(eighths / 8);
  const bar = '█'.repeat(full) + BLOCKS[eighths % 8]!;
  return bar + ' '.repeat(Math.max(0, width - full - (eighths % 8 ? 1 : 0)));
}

/** Columns padded to their widest cell; `right` lists the right-aligned column indexes. */
function table(head: string[], rows: string[][], right: number[]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `  ${cells
      .map((c, i) => (right.includes(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd()}`;
  return [line(head), ...rows.map(line)];
}

export function renderCalibrationText(report: CalibrationReport): string {
  const r = report;
  const judged = r.n - r.unscorable;
  const out: string[] = [];
  out.push(
    `Calibration of ${r.plugin.id}@${r.plugin.version} against ${r.n} human-graded answer(s) (scale ${formatScale(r.scale)})`,
    `Evaluator: ${r.evaluator.name} ${r.evaluator.version}`,
  );
  if (r.unscorable > 0) {
    out.push(`Unscorable: ${r.unscorable} (the evaluator could not judge them; left out of every figure)`);
  }
  if (r.fallbacks > 0) {
    const reasons = Object.entries(r.fallbackReasons)
      .map(([reason, n]) => `${reason} ${n}`)
      .join(', ');
    out.push(`Fallbacks: ${r.fallbacks} answer(s) scored by the fallback evaluator (${reasons})`);
  }

  out.push('', `Agreement over ${judged} answer(s)`, ...table(['figure', 'value', ''], figureRows(r), [1]));

  out.push(
    '',
    'Calibration: human grade -> mean score (expected: the grade on 0-100)',
    ...table(
      ['grade', 'n', 'expected', 'mean score', ''],
      r.calibration.map((c) => [...calibrationCells(c), `|${sparkBar(c.meanScore)}|`]),
      [1, 2, 3],
    ),
  );

  out.push(
    '',
    'Per question',
    ...table(
      ['question', 'n', 'pearson r', 'mean grade', 'mean score', 'MAE'],
      r.questions.map(questionCells),
      [1, 2, 3, 4, 5],
    ),
  );

  out.push('', `Largest disagreements (score - grade on 0-100)`);
  if (r.disagreements.length === 0) out.push(`  ${NONE}`);
  r.disagreements.forEach((d, i) => {
    out.push(
      `  ${i + 1}. ${d.id} (${d.questionId}): grade ${fmtGrade(d.human)}, score ${d.score}, ${fmtSigned(d.difference)}`,
      `     answer:    ${excerpt(d.answer, 160)}`,
      `     summary:   ${excerpt(d.summary, 160)}`,
      `     rationale: ${excerpt(d.rationale, 160)}`,
    );
  });

  const unscorable = r.items.filter((i) => i.unscorable !== null);
  if (unscorable.length > 0) {
    out.push('', 'Unscorable answers');
    for (const i of unscorable.slice(0, 10))
      out.push(`  ${i.id} (${i.questionId}): ${excerpt(i.unscorable!, 120)}`);
    if (unscorable.length > 10) out.push(`  … and ${unscorable.length - 10} more`);
  }
  return out.join('\n');
}
