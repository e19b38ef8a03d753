import { beforeAll, describe, expect, it } from 'vitest';
import { withTenantSql } from '../../src/db/index.ts';
import { toAppError } from '../../src/http/problem.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';

/**
 * PostgreSQL cutting a connection a request holds: the request fails with a 503 the client may
 * retry, and the process lives on (an 'error' on a checked-out connection had no listener and
 * ended it). Found by the fault suite (docs/reliability.md, finding 3 and 4).
 */

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

describe('a database connection cut mid-request', () => {
  it('fails that request with 503 unavailable, leaves no unhandled error, and the next request works', async () => {
    const t = await h.signUp();
    const cut = withTenantSql(h.orm, t.id, async (sql) => {
      const [{ pid }] = (await sql<{ pid: number }>('select pg_backend_pid() as pid')) as [{ pid: number }];
      await h.ownerOrm.em.fork().execute('select pg_terminate_backend(?)', [pid]);
      await new Promise((r) => setTimeout(r, 200)); // the client hears of it while it is checked out
      return sql('select 1');
    });
    const err = await cut.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeDefined();
    const problem = toAppError(err);
    expect(problem.code).toBe('unavailable');
    expect(problem.status).toBe(503);
    // the pool replaced the connection: the tenant's next transaction works
    const rows = await withTenantSql(h.orm, t.id, (sql) => sql<{ one: number }>('select 1 as one'));
    expect(rows).toEqual([{ one: 1 }]);
    expect((await h.request('GET', '/api/v1/me', { token: t.token })).status).toBe(200);
  });

  it('maps PostgreSQL being down or shutting down to 503, other errors stay 500', () => {
    for (const err of [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      Object.assign(new Error('connection failure'), { code: '08006' }),
      new Error('Connection terminated unexpectedly'),
      Object.assign(new Error('wrapped'), { cause: Object.assign(new Error('x'), { code: '57P01' }) }),
    ])
      expect(toAppError(err).code, err.message).toBe('unavailable');
    expect(toAppError(new Error('a bug')).code).toBe('internal_error');
    expect(toAppError(Object.assign(new Error('syntax'), { code: '42601' })).code).toBe('internal_error');
  });
});
