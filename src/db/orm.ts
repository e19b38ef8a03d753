import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import pg from 'pg';
import { migrationsList } from '../../migrations/index.ts';
import { entities } from './entities/index.ts';

export type Orm = MikroORM;

const sqlPools = new WeakMap<Orm, { pool: pg.Pool; preparedStatements: boolean }>();

/**
 * One MikroORM instance over a connection URL (the global `orm.em` is never used directly), and
 * beside it a plain `pg` pool on the same URL for the hot path's SQL (`withTenantSql`), so that
 * path never reaches into the ORM's connection internals. Closing the ORM closes both.
 * `preparedStatements: false` makes that path send unnamed statements: a pooler in transaction
 * mode (pgbouncer before 1.21) hands each transaction another server connection, where a named
 * statement is missing or already exists.
 */
export async function createOrm(
  url: string,
  options: { poolMax?: number; debug?: boolean; preparedStatements?: boolean } = {},
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
  sqlPools.set(orm, { pool, preparedStatements: options.preparedStatements ?? true });
  const closeOrm = orm.close.bind(orm);
  orm.close = async (force?: boolean) => {
    await Promise.all([closeOrm(force), pool.end()]);
  };
  return orm;
}

const entryOf = (orm: Orm) => {
  const entry = sqlPools.get(orm);
  if (!entry) throw new Error('this ORM was not made by createOrm');
  return entry;
};

/** The plain `pg` pool created with an ORM (see createOrm). */
export const sqlPoolOf = (orm: Orm): pg.Pool => entryOf(orm).pool;

/** Whether the hot path may name its statements on this ORM's pool (see createOrm). */
export const namesStatements = (orm: Orm): boolean => entryOf(orm).preparedStatements;
