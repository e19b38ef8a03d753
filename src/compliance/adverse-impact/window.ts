import { AppError } from '../../errors/index.ts';

/**
 * The report's time window over when interviews ended. A bound is a day (`2026-03-31`, UTC; `to`
 * then takes the whole day) or an instant with its offset (`2026-03-31T17:00:00+02:00`, inclusive).
 */
export interface ReportWindow {
  from: Date | null;
  /** the end: before `at` (a day's end) or at `at` too (an instant) */
  to: { at: Date; inclusive: boolean } | null;
}

const DAY_MS = 86_400_000;
const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);
const dayStart = (v: string) => new Date(`${v}T00:00:00Z`);

/** The window for `from` and `to` (each optional, each already a valid date or date-time); from > to is a 400. */
export function reportWindow(from: string | undefined, to: string | undefined): ReportWindow {
  const start = from === undefined ? null : isDay(from) ? dayStart(from) : new Date(from);
  const end =
    to === undefined
      ? null
      : isDay(to)
        ? { at: new Date(dayStart(to).getTime() + DAY_MS), inclusive: false }
        : { at: new Date(to), inclusive: true };
  if (start && end && (end.inclusive ? start > end.at : start >= end.at)) {
    throw new AppError('validation_failed', '`from` is after `to`', {
      errors: [{ path: '/query/from', message: 'must not be after `to`' }],
    });
  }
  return { from: start, to: end };
}
