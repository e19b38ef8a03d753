import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bullmqQueue, bullmqWorker, defineJob, type JobQueue, type JobWorker } from '../../src/jobs/index.ts';
import { TEST_REDIS_URL, uniq } from '../helpers/harness.ts';

/**
 * One tenant cannot take every worker slot from the others: a noisy tenant's jobs beyond its
 * share wait (without losing an attempt) while another tenant's job runs at once. Real Redis and
 * BullMQ, on a database of their own.
 */

const redisUrl = (() => {
  const url = new URL(TEST_REDIS_URL);
  url.pathname = '/9';
  return url.toString();
})();

const slowJob = defineJob({
  name: `test.fair-${uniq('job')}`,
  queue: 'billing',
  schema: z.object({ tenantId: z.string(), n: z.number() }),
  retry: { attempts: 1, backoffMs: 10 },
});

let queue: JobQueue;
let worker: JobWorker;
const events: string[] = [];
let release: () => void;
const gate = new Promise<void>((resolve) => {
  release = resolve;
});
const attempts = new Map<string, number>();

beforeAll(async () => {
  queue = bullmqQueue(redisUrl);
  worker = bullmqWorker(redisUrl, { concurrency: 4, lockMs: 5000 }); // a tenant's share: 2
  worker.register(slowJob, async (p, ctx) => {
    const key = `${p.tenantId}#${p.n}`;
    attempts.set(key, ctx.attempt);
    events.push(`start ${key}`);
    // the noisy tenant's jobs hold their slots until released
    if (p.tenantId === 'noisy') await gate;
    events.push(`end ${key}`);
  });
  await worker.start();
});

afterAll(async () => {
  await worker.close();
  await queue.close();
});

const until = async (what: () => boolean, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!what()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${events.join(' | ')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('fair scheduling between tenants', () => {
  it('a noisy tenant holds at most half the slots; a quiet tenant’s job starts and ends meanwhile', async () => {
    for (let n = 0; n < 8; n++) await queue.enqueue(slowJob, { tenantId: 'noisy', n });
    await until(() => events.filter((e) => e.startsWith('start noisy')).length === 2);
    await queue.enqueue(slowJob, { tenantId: 'quiet', n: 0 });
    await until(() => events.includes('end quiet#0'));
    // while the quiet tenant ran, the noisy one never had more than its share running
    expect(events.filter((e) => e.startsWith('start noisy'))).toHaveLength(2);
    release();
    await until(() => events.filter((e) => e.startsWith('end noisy')).length === 8);
    // every deferred job ran once, on its first attempt (deferring costs none)
    for (let n = 0; n < 8; n++) expect(attempts.get(`noisy#${n}`)).toBe(1);
    const starts = events.filter((e) => e.startsWith('start noisy'));
    expect(new Set(starts).size).toBe(8);
  }, 30_000);
});
