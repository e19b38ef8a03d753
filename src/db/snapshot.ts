import type pg from 'pg';
import { UUID_PATTERN } from './ids.ts';
import { type Orm, sqlPoolOf } from './orm.ts';

/**
 * A long read of one tenant's rows in one consistent snapshot (repeatable read, read only, under
 * the tenant wall), fetched in batches through a cursor so it never holds a whole table in
 * memory: for streaming a tenant's export, never the hot path. `close()` must be called (it ends
 * the transaction and returns the connection).
 */
export interface TenantSnapshot {
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  /** the rows of one `select` (`$1` placeholders), `batch` at a time */
  batches<T>(select: string, params: unknown[], batch?: number): AsyncGenerator<T[]>;
  close(): Promise<void>;
}

export async function openTenantSnapshot(orm: Orm, tenantId: string): Promise<TenantSnapshot> {
  if (!UUID_PATTERN.test(tenantId)) throw new Error('openTenantSnapshot: the tenant id is not a UUID');
  const client: pg.PoolClient = await sqlPoolOf(orm).connect();
  let broken: Error | undefined;
  const onError = (err: Error) => {
    broken = err;
  };
  client.on('error', onError);
  try {
    await client.query('begin isolation level repeatable read read only');
    await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
  } catch (err) {
    client.off('error', onError);
    client.release(err instanceof Error ? err : true);
    throw err;
  }
  let cursors = 0;
  let closed = false;
  return {
    async query<T>(text: string, params: unknown[] = []) {
      return (await client.query(text, params)).rows as T[];
    },
    async *batches<T>(select: string, params: unknown[], batch = 500) {
      const name = `snapshot_${++cursors}`;
      await client.query(`declare ${name} no scroll cursor for ${select}`, params);
      try {
        for (;;) {
          const { rows } = await client.query(`fetch ${batch} from ${name}`);
          if (rows.length === 0) return;
          yield rows as T[];
        }
      } finally {
        await client.query(`close ${name}`).catch(() => undefined);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await client.query('commit');
      } catch (err) {
        broken ??= err instanceof Error ? err : new Error(String(err));
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
  };
}
