import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import pg from 'pg';
import { migrationsList } from '../../migrations/index.ts';
import { entities } from './entities/index.ts';

export type Orm = MikroORM;

const sqlPools = new WeakMap<Orm, pg.Pool>();

/**
 * One MikroORM instance over a connection URL (the global `orm.em` is never used directly), and
 * beside it a plain `pg` pool on the same URL for the hot path's SQL (`withTenantSql`), so that
 * path never reaches into the ORM's connection internals. Closing the ORM closes both.
 */
export async function createOrm(
  url: string,
  options: { poolMax?: number; debug?: boolean } = {},
): Promise<Orm> {
  const orm = await MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl: url,
    entities,
    extensions: [Migrator],
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    pool: { min: 0, max: options.poolMax ?? 10 },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    debug: options.debug ?? false,
    discovery: { warnWhenNoEntities: false },
  });
  const pool = new pg.Pool({ connectionString: url, max: options.poolMax ?? 10 });
  // an idle connection the server dropped: the pool discards it; the next query opens another
  pool.on('error', () => undefined);
  sqlPools.set(orm, pool);
  const closeOrm = orm.close.bind(orm);
  orm.close = async (force?: boolean) => {
    await Promise.all([closeOrm(force), pool.end()]);
  };
  return orm;
}

/** The plain `pg` pool created with an ORM (see createOrm). */
export function sqlPoolOf(orm: Orm): pg.Pool {
  const pool = sqlPools.get(orm);
  if (!pool) throw new Error('this ORM was not made by createOrm');
  return pool;
}
