/** One row of the Lever posting map as edited: a posting id and the position it interviews for. */
export interface PostingRow {
  /** stable across edits, for React and the row's errors */
  key: number;
  posting: string;
  positionId: string;
}

/**
 * The posting map the rows give (posting id -> position id), and what is wrong with any row, by
 * row key: a posting without a position or the other way round, or a posting mapped twice.
 * Empty rows are left out.
 */
export function readPostingMap(rows: PostingRow[]): {
  map: Record<string, string>;
  problems: Record<number, string>;
} {
  const problems: Record<number, string> = {};
  const seen = new Set<string>();
  const map: Record<string, string> = {};
  for (const r of rows) {
    const posting = r.posting.trim();
    if (!posting && !r.positionId) continue;
    if (!posting) problems[r.key] = 'Enter the Lever posting id.';
    else if (!r.positionId) problems[r.key] = 'Choose a position.';
    else if (seen.has(posting)) problems[r.key] = 'This posting is mapped twice.';
    else map[posting] = r.positionId;
    seen.add(posting);
  }
  return { map, problems };
}
