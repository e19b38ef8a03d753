import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type OwnPgbouncer, startPgbouncer, viaPgbouncer } from '../helpers/pgbouncer.ts';
import { recordRow } from './lib/outcome.ts';
import { type Stack, startStack } from './lib/stack.ts';
import { apiKillMidRequest } from './scenarios/api-kill.ts';
import { hostileInput } from './scenarios/hostile.ts';
import { heldConnectionTerminated } from './scenarios/postgres.ts';
import { redisRestart } from './scenarios/redis.ts';
import { slowClients } from './scenarios/slow-clients.ts';
import { tenantWall } from './scenarios/tenant-wall.ts';
import { WORKER_KILL_ENV, workerKillMidEvaluation, workerKillMidWebhook } from './scenarios/worker-kill.ts';

/**
 * The cheap subset of the fault suite (a few minutes on 2 cores), meant to run with `npm test`:
 * the same scenarios as the per-fault files, smaller, on one stack (two API processes and a
 * worker on the run's database and a Redis of the test's own). `npm run chaos:ci` runs it alone;
 * each test carries its own time bound, so it also runs under the root vitest config.
 */
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    databaseUrl: inject('ownerUrl'),
    apis: 2,
    llmDelayMs: 1500,
    env: WORKER_KILL_ENV,
  });
}, 240_000);

afterAll(async () => {
  await stack?.close();
});

describe('fault suite, CI subset', () => {
  it('worker SIGKILL mid-evaluation', async ({ task }) => {
    const row = recordRow(
      task,
      await workerKillMidEvaluation(stack, { interviews: 3, kills: 1, boundMs: 90_000 }),
    );
    expect(row.violations).toEqual([]);
  }, 150_000);

  it('worker SIGKILL mid-webhook delivery', async ({ task }) => {
    const row = recordRow(
      task,
      await workerKillMidWebhook(stack, { schedules: 2, receiverDelayMs: 3000, boundMs: 45_000 }),
    );
    expect(row.violations).toEqual([]);
  }, 120_000);

  it('API SIGKILL mid-request, same-key retries on the other API', async ({ task }) => {
    const row = recordRow(
      task,
      await apiKillMidRequest(stack, { inFlight: 4, retryMs: 30_000, boundMs: 90_000 }),
    );
    expect(row.violations).toEqual([]);
  }, 180_000);

  it('PostgreSQL terminates a connection a request holds', async ({ task }) => {
    const row = recordRow(task, await heldConnectionTerminated(inject('ownerUrl')));
    expect(row.violations).toEqual([]);
  }, 90_000);

  it('hostile input over keep-alive (reduced variants)', async ({ task }) => {
    const row = recordRow(task, await hostileInput(stack, { cheap: true, connections: 4 }));
    expect(row.violations).toEqual([]);
  }, 240_000);

  it('slow and broken clients (smaller)', async ({ task }) => {
    const row = recordRow(
      task,
      await slowClients(stack, {
        idle: 200,
        slowloris: 50,
        stalledBodies: 20,
        disconnects: 50,
        waitHeadersTimeout: true,
      }),
    );
    expect(row.violations).toEqual([]);
  }, 150_000);

  // last: it empties this stack's Redis
  it('Redis stopped and restarted', async ({ task }) => {
    const row = recordRow(task, await redisRestart(stack, { downMs: 6_000, interviews: 1, boundMs: 90_000 }));
    expect(row.violations).toEqual([]);
  }, 240_000);
});

describe('fault suite, CI subset: behind pgbouncer in transaction mode', () => {
  let bouncer: OwnPgbouncer;
  let viaBouncer: Stack;
  beforeAll(async () => {
    bouncer = await startPgbouncer(inject('ownerUrl'), { users: [new URL(inject('appUrl')).username] });
    viaBouncer = await startStack({
      databaseUrl: inject('ownerUrl'),
      apis: 2,
      env: {
        DATABASE_POOL_MAX: '4',
        ...viaPgbouncer(bouncer, inject('appUrl')),
      },
    });
  }, 240_000);
  afterAll(async () => {
    await viaBouncer?.close();
    await bouncer?.close();
  });

  it('6-tenant wall through shared server connections', async ({ task }) => {
    const row = recordRow(
      task,
      await tenantWall(viaBouncer, {
        tenants: 6,
        durationMs: 10_000,
        database: 'pgbouncer, transaction mode',
      }),
    );
    expect(row.violations).toEqual([]);
  }, 120_000);
});
