import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type OwnPgbouncer, startPgbouncer, viaPgbouncer } from '../helpers/pgbouncer.ts';
import { recordRow } from './lib/outcome.ts';
import { type Stack, startStack } from './lib/stack.ts';
import { pgbouncerKilled, postgresOutage } from './scenarios/postgres.ts';
import { tenantWall } from './scenarios/tenant-wall.ts';
import { WORKER_KILL_ENV, workerKillMidEvaluation } from './scenarios/worker-kill.ts';

/**
 * Fault 9: PostgreSQL behind pgbouncer in transaction mode (Debian's pgbouncer, started by the
 * test in front of the run's database). The API and worker processes reach PostgreSQL only through
 * it (DATABASE_APP_URL); migrations go straight to PostgreSQL (DATABASE_URL), as they would in
 * production (they hold a session-level advisory lock), and the hot path names no statements
 * (DATABASE_PREPARED_STATEMENTS=false).
 */
const VIA = 'pgbouncer, transaction mode';
let bouncer: OwnPgbouncer;

beforeAll(async () => {
  bouncer = await startPgbouncer(inject('ownerUrl'), {
    users: [new URL(inject('appUrl')).username],
    poolSize: 8,
  });
});

afterAll(async () => {
  await bouncer?.close();
});

describe('behind pgbouncer in transaction mode, worker and pgbouncer killed', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      databaseUrl: inject('ownerUrl'),
      apis: 2,
      llmDelayMs: 1500,
      env: { ...WORKER_KILL_ENV, ...viaPgbouncer(bouncer, inject('appUrl')) },
    });
  }, 240_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('worker SIGKILL mid-evaluation: every answer exactly one evaluation, every interview completes', async ({
    task,
  }) => {
    const row = await workerKillMidEvaluation(stack, { interviews: 4, kills: 1, boundMs: 150_000 });
    row.fault += ` (${VIA})`;
    recordRow(task, row);
    expect(row.violations).toEqual([]);
  }, 240_000);

  it('pgbouncer killed under load: 503 while it is away, recovery without a restart, nothing lost', async ({
    task,
  }) => {
    const row = recordRow(
      task,
      await postgresOutage(stack, pgbouncerKilled(bouncer), {
        downMs: 6_000,
        interviews: 3,
        boundMs: 120_000,
      }),
    );
    expect(row.violations).toEqual([]);
  }, 300_000);
});

describe('tenant wall behind pgbouncer in transaction mode', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      databaseUrl: inject('ownerUrl'),
      apis: 2,
      env: {
        DATABASE_POOL_MAX: '4',
        ...viaPgbouncer(bouncer, inject('appUrl')),
      },
    });
  }, 240_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('20 tenants at once through shared server connections: only their own objects, the others 404', async ({
    task,
  }) => {
    const row = recordRow(task, await tenantWall(stack, { tenants: 20, durationMs: 30_000, database: VIA }));
    expect(row.violations).toEqual([]);
  }, 240_000);
});
