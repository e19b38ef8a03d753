import type { PoolClient, QueryConfig } from 'pg';
import { UUID_PATTERN } from './ids.ts';
import { namesStatements, type Orm, sqlPoolOf } from './orm.ts';
import type { TenantEm } from './tenant-scope.ts';

/**
 * Plain SQL inside a tenant transaction, with `?` placeholders: the port the hot path of a turn
 * speaks (recording an answer, the principal check, the worker's common step), so the same
 * statement runs on a pooled `pg` connection (`withTenantSql`) or inside an ORM transaction
 * (`emSql`). Placeholders are positional; a statement text must hold no other `?`.
 */
export type Sql = <T = Record<string, unknown>>(text: string, params?: readonly unknown[]) => Promise<T[]>;

/** The same statements inside an ORM transaction (a `withTenant` EntityManager). */
export const emSql =
  (em: TenantEm): Sql =>
  (text, params = []) =>
    em.execute(text, params as unknown[]);

/** `?` placeholders as `$1, $2, …`, with a prepared-statement name: computed once per text. */
const prepared = new Map<string, { name: string; text: string }>();
function prepare(text: string) {
  let hit = prepared.get(text);
  if (!hit) {
    let n = 0;
    hit = { name: `aii_${prepared.size}`, text: text.replace(/\?/g, () => `$${++n}`) };
    prepared.set(text, hit);
  }
  return hit;
}

/**
 * One tenant transaction on a connection of the hot path's own `pg` pool (`sqlPoolOf`), without
 * the ORM: about a quarter of its Node CPU per statement (docs/performance.md). `BEGIN` and the transaction-local
 * `app.tenant_id` go in one round trip: the id is inlined, so it must be a UUID (checked here).
 * Statements are named prepared statements, parsed and planned once per connection: name their
 * columns (no `select *`), since a cached plan cannot change its result type.
 */
export async function withTenantSql<T>(
  orm: Orm,
  tenantId: string,
  work: (sql: Sql) => Promise<T>,
): Promise<T> {
  if (!UUID_PATTERN.test(tenantId)) throw new Error('withTenantSql: the tenant id is not a UUID');
  const preparedStatements = namesStatements(orm);
  const client: PoolClient = await sqlPoolOf(orm).connect();
  // set when the connection may still be inside this transaction: it is destroyed, not reused
  let broken: Error | undefined;
  // a connection the server cuts while it is checked out emits 'error' on the client, not the
  // pool: without a listener that would end the process. The pending query rejects as well,
  // which is how the request learns of it; the connection is then destroyed on release.
  const onError = (err: Error) => {
    broken = err;
  };
  client.on('error', onError);
  const sql: Sql = async <R>(text: string, params: readonly unknown[] = []) => {
    const { name, text: numbered } = prepare(text);
    const query: QueryConfig = preparedStatements
      ? { name, text: numbered, values: params as unknown[] }
      : { text: numbered, values: params as unknown[] };
    return (await client.query(query)).rows as R[];
  };
  try {
    await client.query(`begin; select set_config('app.tenant_id', '${tenantId}', true)`);
    const result = await work(sql);
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch((failed: unknown) => {
      broken = failed instanceof Error ? failed : new Error(String(failed));
    });
    throw err;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
