/**
 * Child process of the `jobs` section: a BullMQ Worker on NOOP_QUEUE configured as the product's
 * (src/jobs/bullmq.ts: prefix, connection options, concurrency, lock and stalled interval) whose
 * handler returns at once. Prints `noop worker ready`; SIGTERM closes it.
 */
import { type ConnectionOptions, Worker } from 'bullmq';

const connection = JSON.parse(process.env['NOOP_CONNECTION']!) as ConnectionOptions;
const lockMs = Number(process.env['JOB_LOCK_MS'] ?? 30_000);

const worker = new Worker(process.env['NOOP_QUEUE']!, async () => {}, {
  connection,
  prefix: process.env['NOOP_PREFIX']!,
  concurrency: Number(process.env['WORKER_CONCURRENCY'] ?? 8),
  lockDuration: lockMs,
  stalledInterval: lockMs,
});
await worker.waitUntilReady();
console.log('noop worker ready');

process.on('SIGTERM', () => {
  worker.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
