/** Number formats shared by the text and HTML renderings of a calibration report. */

export const NONE = '–';

/** a correlation or kappa: 3 decimals, signed; null as – */
export const fmtR = (v: number | null) => (v === null ? NONE : v.toFixed(3));

/** a 0-100 figure: 1 decimal; null as – */
export const fmt100 = (v: number | null) => (v === null ? NONE : v.toFixed(1));

/** a signed 0-100 difference: +12.5 / -3.0 */
export const fmtSigned = (v: number | null) => (v === null ? NONE : `${v > 0 ? '+' : ''}${v.toFixed(1)}`);

/** a grade as given, without trailing zeros */
export const fmtGrade = (v: number) => String(Number(v.toFixed(4)));

/** One line, at most `max` characters (newlines and runs of spaces collapsed). */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
