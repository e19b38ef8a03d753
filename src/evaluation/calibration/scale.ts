/**
 * The scale people graded on (`MIN..MAX`, integers, e.g. 0..5) and the two ways a grade and a
 * 0-100 score are put side by side:
 * - on 0-100 (for the mean absolute error, the bias and the plots): a grade h maps linearly to
 *   (h - MIN) / (MAX - MIN) * 100, so MIN is 0 and MAX is 100;
 * - on the scale's integer grid (for the kappa): a grade is rounded to the nearest integer (halves
 *   up: 3.5 -> 4), a score s maps to MIN + s / 100 * (MAX - MIN) and is rounded the same way.
 */

export interface GradeScale {
  min: number;
  max: number;
}

export const DEFAULT_SCALE: GradeScale = { min: 0, max: 5 };
/** More steps than this makes no sense for a grade (and keeps the kappa's matrix small). */
export const MAX_SCALE_STEPS = 1000;

/** `0..5` -> {min: 0, max: 5}; throws with a message fit for the user otherwise. */
export function parseScale(text: string): GradeScale {
  const m = /^\s*(-?\d{1,7})\s*\.\.\s*(-?\d{1,7})\s*$/.exec(text);
  if (!m) throw new Error(`--scale "${text}" is not MIN..MAX with whole numbers, e.g. 0..5 or 1..10`);
  const min = Number(m[1]);
  const max = Number(m[2]);
  if (max <= min) throw new Error(`--scale "${text}": MAX must be greater than MIN`);
  if (max - min > MAX_SCALE_STEPS) throw new Error(`--scale "${text}": at most ${MAX_SCALE_STEPS} steps`);
  return { min, max };
}

export const formatScale = (s: GradeScale) => `${s.min}..${s.max}`;

export const onScale = (s: GradeScale, grade: number) => grade >= s.min && grade <= s.max;

/** A grade on 0-100: MIN -> 0, MAX -> 100, linear in between. */
export const gradeTo100 = (s: GradeScale, grade: number) => ((grade - s.min) / (s.max - s.min)) * 100;

/** A grade on the integer grid MIN..MAX: rounded to the nearest integer, halves up. */
export const gradeToGrid = (s: GradeScale, grade: number) =>
  Math.min(s.max, Math.max(s.min, Math.round(grade)));

/** A 0-100 score on the integer grid MIN..MAX: MIN + score/100 * (MAX - MIN), rounded, halves up. */
export const scoreToGrid = (s: GradeScale, score: number) =>
  Math.min(s.max, Math.max(s.min, Math.round(s.min + (score / 100) * (s.max - s.min))));
