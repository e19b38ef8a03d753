import { fmt100, fmtGrade, fmtR, fmtSigned } from './format.ts';
import type { CalibrationReport, CalibrationRow, QuestionAgreement } from './report.ts';
import { formatScale } from './scale.ts';

/** The cells both renderings of a calibration share (the text report and the HTML page). */

/** The agreement figures: name, value, what it means. */
export function figureRows(r: CalibrationReport): [string, string, string][] {
  return [
    ['Pearson r', fmtR(r.pearson), 'linear agreement of grade and score (1 is perfect)'],
    ['Spearman r', fmtR(r.spearman), 'agreement of the orderings (ties share ranks)'],
    [
      'Quadratic weighted kappa',
      fmtR(r.qwk),
      `grade and score on the ${formatScale(r.scale)} integer grid; 0 is chance, 1 perfect`,
    ],
    ['Mean absolute error', fmt100(r.mae), 'points on 0-100 (grade mapped linearly)'],
    [
      'Bias',
      fmtSigned(r.bias),
      `mean score ${fmt100(r.meanScore)} - mean grade ${fmt100(r.meanHuman)} on 0-100`,
    ],
  ];
}

/** A calibration row: grade, n, expected, mean score (each renderer adds its own bar). */
export function calibrationCells(c: CalibrationRow): string[] {
  return [fmtGrade(c.human), String(c.n), fmt100(c.expected), fmt100(c.meanScore)];
}

/** A question's agreement: id (raw text), n, r, mean grade, mean score, MAE. */
export function questionCells(q: QuestionAgreement): string[] {
  return [
    q.questionId,
    String(q.n),
    fmtR(q.pearson),
    q.meanHuman.toFixed(2),
    fmt100(q.meanScore),
    fmt100(q.mae),
  ];
}
