/**
 * The summary format both summarizers share and the conversation manager trims: plain text, one
 * note line per exchange, oldest first. A summary grows only by appending lines; to stay within a
 * size, the oldest lines give way and OMITTED_LINE marks that some did.
 */

export const OMITTED_LINE = '(earlier turns omitted)';

/** Collapse whitespace and cut at a word boundary, ending in an ellipsis when cut. */
export function cap(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, Math.max(0, max - 1));
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}\u2026`;
}

/** previous + lines; the oldest lines are dropped to stay within maxChars. */
export function appendToSummary(previous: string | undefined, lines: string[], maxChars: number): string {
  const old = previous ? previous.split('\n').filter((l) => l.trim() !== '') : [];
  let omitted = old[0] === OMITTED_LINE;
  const kept = [...(omitted ? old.slice(1) : old), ...lines.map((l) => cap(l, maxChars))].filter((l) => l);
  const text = () => [...(omitted ? [OMITTED_LINE] : []), ...kept].join('\n');
  while (kept.length > 0 && text().length > maxChars) {
    kept.shift();
    omitted = true;
  }
  const result = text();
  return result.length <= maxChars ? result : '';
}

/** The newest lines of a summary that fit in maxChars ('' when not even the marker fits). */
export function trimSummary(summary: string, maxChars: number): string {
  return summary.length <= maxChars ? summary : appendToSummary(summary, [], maxChars);
}
