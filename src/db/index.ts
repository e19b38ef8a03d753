export { type EmbeddedDatabase, startEmbeddedPostgres } from './embedded.ts';
export * from './entities/index.ts';
export { isUniqueViolation } from './errors.ts';
export { UUID_PATTERN, uuidArray, uuidv7 } from './ids.ts';
export { deriveAppUrl, type MigrateResult, migrate } from './migrate.ts';
export { createOrm, type Orm } from './orm.ts';
export {
  decodeCursor,
  decodeCursorKey,
  encodeCursor,
  type Page,
  type PageRequest,
  pageOfRows,
  paginate,
} from './pagination.ts';
export { createRedis, logRedisHealth } from './redis.ts';
export { openTenantSnapshot, type TenantSnapshot } from './snapshot.ts';
export { emSql, type Sql, withTenantSql } from './sql.ts';
export { isStorableText } from './storable-text.ts';
export { type TenantEm, withoutTenant, withTenant } from './tenant-scope.ts';
