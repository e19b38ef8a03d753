import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { migrationsList } from '../../migrations/index.ts';
import { entities } from './entities/index.ts';

export type Orm = MikroORM;

/** One MikroORM instance over a connection URL. The global `orm.em` is never used directly. */
export async function createOrm(
  url: string,
  options: { poolMax?: number; debug?: boolean } = {},
): Promise<Orm> {
  return MikroORM.init({
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
}
