/**
 * What the bench's floors share (test/bench/bare-worker.ts, the turns and jobs sections): the
 * kinds of bare worker, the bundled golden answers as evaluator inputs, and the least a store can
 * be. Kept apart from lib.ts, which loads the whole product, because the bare worker imports it.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import type { EvaluationInput } from '../../src/evaluation/types.ts';
import { BUNDLED_PLUGINS_DIR, type Manifest } from '../../src/plugins/index.ts';

/**
 * What a bare worker's handler does:
 * - `noop`: returns at once (the queue's own cost);
 * - `evaluate`: the built-in evaluator on a golden answer, no database, no history;
 * - `store`: one row stored (`storeRow`);
 * - `turn`: the evaluator on a golden answer, its result stored (`storeRow`), then the product's
 *   turn signal (Redis pub/sub) to the waiting route.
 */
export const BARE_KINDS = ['noop', 'evaluate', 'store', 'turn'] as const;
export type BareKind = (typeof BARE_KINDS)[number];

/** Every bundled plugin's golden answer with its question and rubric, as the evaluator takes it. */
export function goldenInputs(): EvaluationInput[] {
  return readdirSync(BUNDLED_PLUGINS_DIR).flatMap((dir) => {
    const m = JSON.parse(
      readFileSync(path.join(BUNDLED_PLUGINS_DIR, dir, 'plugin.json'), 'utf8'),
    ) as Manifest;
    return m.goldenAnswers.map((g) => {
      const question = m.questions.find((q) => q.id === g.questionId)!;
      const rubric = m.rubrics.find((r) => r.id === question.rubric)!;
      return { question, rubric, answer: g.answer, history: [], plugin: { id: m.id, version: m.version } };
    });
  });
}

/**
 * The least a durable store can be: one INSERT on its own (atomic without BEGIN/COMMIT), one
 * round trip. The floors store this way so they stay below anything the product could do.
 */
export async function storeRow(pool: pg.Pool, payload: unknown): Promise<void> {
  await pool.query('insert into bench_rows (id, payload) values ($1, $2)', [randomUUID(), payload]);
}
