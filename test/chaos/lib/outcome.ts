import type { RunnerTask } from 'vitest';

/**
 * One row of the fault table: what was done to the system and what the clients and the record
 * saw. `errors` are answers a client should never get (5xx other than the promised 503s, broken
 * connections, hangs, non-problem errors); `lost` and `duplicated` count effects (answers,
 * evaluations, turns, reports, webhook events) against what the promises say.
 */
export interface ChaosRow {
  fault: string;
  requests: number;
  errors: number;
  lost: number;
  duplicated: number;
  /** from the end of the fault to service (or the work in hand) being whole again; null: not measured */
  recoveryMs: number | null;
  /** the figures behind the verdict, short */
  notes: string;
  /** promises broken in this run (empty: all kept) */
  violations: string[];
}

declare module 'vitest' {
  interface TaskMeta {
    chaos?: ChaosRow;
  }
}

export const fmtMs = (ms: number | null) =>
  ms === null ? '–' : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;

export const verdict = (row: ChaosRow) => (row.violations.length === 0 ? 'kept' : 'BROKEN');

/** Print one row at once (the run may be long) and keep it for the final table. */
export function recordRow(task: RunnerTask, row: ChaosRow): ChaosRow {
  task.meta.chaos = row;
  const line = [
    `[chaos] ${row.fault}`,
    `requests=${row.requests}`,
    `errors=${row.errors}`,
    `lost=${row.lost}`,
    `duplicated=${row.duplicated}`,
    `recovery=${fmtMs(row.recoveryMs)}`,
    `promises ${verdict(row)}`,
    row.notes,
    ...row.violations.map((v) => `\n    broken: ${v}`),
  ].join(' | ');
  console.log(line);
  return row;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The p-th percentile (0–100) of the values, nearest rank; NaN for none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Poll `fn` until it returns a value, or give up at the deadline (undefined). */
export async function waitUntil<T>(
  fn: () => Promise<T | undefined> | T | undefined,
  ms: number,
  everyMs = 100,
): Promise<T | undefined> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) return undefined;
    await sleep(everyMs);
  }
}
