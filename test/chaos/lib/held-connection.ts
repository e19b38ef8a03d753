import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createOrm, deriveAppUrl, withTenantSql } from '../../../src/db/index.ts';

/**
 * Run as a child process (`node --import tsx held-connection.ts <ownerUrl>`): one hot-path tenant
 * transaction (`withTenantSql`) whose connection the server terminates between two statements, as
 * a PostgreSQL restart does to every connection in use. Prints `survived` when the process lives
 * through it; a process without a listener for the connection's 'error' event dies instead.
 */
const ownerUrl = process.argv[2]!;
const orm = await createOrm(deriveAppUrl(ownerUrl, undefined), { poolMax: 2 });
const owner = new pg.Client({ connectionString: ownerUrl });
await owner.connect();
await withTenantSql(orm, randomUUID(), async (sql) => {
  const [row] = await sql<{ pid: number }>('select pg_backend_pid() as pid');
  await owner.query('select pg_terminate_backend($1)', [row!.pid]);
  // the request's other work between two statements (an enqueue, a hash, a Redis call)
  await new Promise((r) => setTimeout(r, 500));
  await sql('select 1 as one');
}).catch((err: Error) => console.log(`the transaction failed as it should: ${err.message}`));
console.log('survived');
await owner.end();
await orm.close(true);
