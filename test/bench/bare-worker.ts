/**
 * Child process of the bench: a BullMQ Worker on BARE_QUEUE with the product's worker options
 * (`bullmqWorkerOptions`: prefix, connection, concurrency, lock) whose handler is one of the floors
 * the product's figures are read against (BARE_KIND, see `BARE_KINDS` in ./floors.ts). Prints
 * `bare worker ready`; SIGTERM closes it.
 */
import type { Job } from 'bullmq';
import { Worker } from 'bullmq';
import pg from 'pg';
import { createRedis } from '../../src/db/redis.ts';
import { evaluateAnswer } from '../../src/evaluation/index.ts';
import { bullmqWorkerOptions } from '../../src/jobs/index.ts';
import { redisTurnSignals } from '../../src/realtime/turn-signals.ts';
import { BARE_KINDS, type BareKind, goldenInputs, storeRow } from './floors.ts';

const kind = process.env['BARE_KIND'] as BareKind;
if (!BARE_KINDS.includes(kind)) throw new Error(`BARE_KIND: ${kind} is not one of ${BARE_KINDS.join(', ')}`);
const redisUrl = process.env['BARE_REDIS_URL']!;
const closers: (() => Promise<unknown>)[] = [];

const openPool = () => {
  const pool = new pg.Pool({ connectionString: process.env['BARE_DATABASE_URL'], max: 20 });
  closers.push(() => pool.end());
  return pool;
};

/** The golden answers in turn (the payload keeps the product's shape, so it names none). */
const goldenCycle = () => {
  const inputs = goldenInputs();
  let next = 0;
  return () => inputs[next++ % inputs.length]!;
};

async function handlerFor(kind: BareKind): Promise<(job: Job) => Promise<void>> {
  switch (kind) {
    case 'noop':
      return async () => {};
    case 'evaluate': {
      const next = goldenCycle();
      return async () => {
        evaluateAnswer(next());
      };
    }
    case 'store': {
      const pool = openPool();
      return (job) => storeRow(pool, job.data);
    }
    case 'turn': {
      const pool = openPool();
      const next = goldenCycle();
      const publisher = createRedis(redisUrl);
      const signals = await redisTurnSignals(publisher);
      closers.push(() => publisher.quit());
      return async (job) => {
        const evaluation = evaluateAnswer(next());
        await storeRow(pool, evaluation);
        await signals.notify((job.data as { id: string }).id, 1, JSON.stringify(evaluation));
      };
    }
  }
}

const worker = new Worker(
  process.env['BARE_QUEUE']!,
  await handlerFor(kind),
  bullmqWorkerOptions(redisUrl, {
    concurrency: Number(process.env['WORKER_CONCURRENCY']),
    lockMs: Number(process.env['JOB_LOCK_MS']),
  }),
);
await worker.waitUntilReady();
console.log('bare worker ready');

process.on('SIGTERM', () => {
  worker
    .close()
    .then(() => Promise.all(closers.map((close) => close())))
    .then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
});
