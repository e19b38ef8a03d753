/**
 * Child process of the bench: a BullMQ Worker on BARE_QUEUE configured as the product's
 * (src/jobs/bullmq.ts: prefix, connection options, concurrency, lock and stalled interval) whose
 * handler is one of the floors the product's figures are read against (BARE_KIND):
 * - `noop`: returns at once (the queue's own cost);
 * - `evaluate`: runs the built-in evaluator on a bundled golden answer and returns (the queue plus
 *   the evaluation, no database, no history: less than an evaluation job can ever do);
 * - `store`: one INSERT in a transaction through pg (BARE_DATABASE_URL): the least a job that
 *   stores its result does;
 * - `turn`: the built-in evaluator on a golden answer, its result stored with one INSERT in a
 *   transaction, then a Redis publish on `bench:turn:<id>` (the least a turn's worker side does:
 *   evaluate, store, tell the waiting API).
 * Prints `bare worker ready`; SIGTERM closes it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type ConnectionOptions, type Job, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { evaluateAnswer } from '../../src/evaluation/index.ts';
import type { EvaluationInput } from '../../src/evaluation/types.ts';
import { BUNDLED_PLUGINS_DIR, type Manifest } from '../../src/plugins/index.ts';

const connection = JSON.parse(process.env['BARE_CONNECTION']!) as ConnectionOptions;
const lockMs = Number(process.env['JOB_LOCK_MS'] ?? 30_000);
const kind = process.env['BARE_KIND'] ?? 'noop';
const closers: (() => Promise<unknown>)[] = [];

/** Every bundled golden answer as an evaluator input (no history: the cheapest case). */
function goldenInputs(): EvaluationInput[] {
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

/** One INSERT in a transaction through pg: the least a job that stores its result does. */
function rowStore() {
  const pool = new pg.Pool({ connectionString: process.env['BARE_DATABASE_URL'], max: 20 });
  closers.push(() => pool.end());
  return async (payload: unknown) => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query('insert into bench_rows (id, payload) values ($1, $2)', [
        crypto.randomUUID(),
        payload,
      ]);
      await client.query('commit');
    } finally {
      client.release();
    }
  };
}

function handlerFor(name: string): (job: Job) => Promise<unknown> {
  if (name === 'noop') return async () => {};
  if (name === 'evaluate' || name === 'turn') {
    const inputs = goldenInputs();
    let next = 0; // the golden answers in turn: the payload keeps the product's shape
    if (name === 'evaluate') {
      return async () => {
        evaluateAnswer(inputs[next++ % inputs.length]!);
      };
    }
    const store = rowStore();
    const publisher = new Redis(process.env['BARE_REDIS_URL']!);
    closers.push(() => publisher.quit());
    return async (job) => {
      const evaluation = evaluateAnswer(inputs[next++ % inputs.length]!);
      await store(evaluation);
      await publisher.publish(`bench:turn:${(job.data as { id: string }).id}`, JSON.stringify(evaluation));
    };
  }
  if (name === 'store') {
    const store = rowStore();
    return async (job) => store(job.data);
  }
  throw new Error(`BARE_KIND: unknown kind ${name} (noop, evaluate, store, turn)`);
}

const worker = new Worker(process.env['BARE_QUEUE']!, handlerFor(kind), {
  connection,
  prefix: process.env['BARE_PREFIX']!,
  concurrency: Number(process.env['WORKER_CONCURRENCY'] ?? 8),
  lockDuration: lockMs,
  stalledInterval: lockMs,
});
await worker.waitUntilReady();
console.log('bare worker ready');

process.on('SIGTERM', () => {
  worker
    .close()
    .then(() => Promise.all(closers.map((c) => c())))
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
});
