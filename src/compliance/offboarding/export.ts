import { pipeline, Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { type Orm, openTenantSnapshot } from '../../db/index.ts';

/**
 * The tenant's whole data, for an owner leaving (portability): one gzip'd JSON-lines file, every
 * table that holds the tenant's rows (found in the catalog, so a table added later is in it) read
 * in one consistent snapshot and streamed, never built in memory. Lines, in order:
 *
 *   {"format":"tenant-export.v1","tenantId":…,"exportedAt":…,"tables":[…],"omittedColumns":{…}}
 *   {"table":"tenants","row":{…}}            the tenant itself, then each table by name
 *   {"table":"candidates","row":{…}}         one line per row, columns by their database names
 *   {"end":true,"rows":{"tenants":1,…}}      last: a file without it is incomplete
 *
 * Secrets never leave: columns holding password, API key or join-link hashes, webhook signing
 * secrets or encrypted credentials (by name, see isSecretColumn) are left out of every row.
 */

export const TENANT_EXPORT_FORMAT = 'tenant-export.v1';

/**
 * A column never exported, by its name: hashes (`password_hash`, `key_hash`, `token_hash`),
 * signing secrets (`secret`, `previous_secret`), credentials, anything encrypted.
 */
export const isSecretColumn = (column: string): boolean =>
  /_hash$|(^|_)(secret|password|credentials?)$|encrypted/.test(column);

interface TableColumns {
  table_name: string;
  columns: string[];
}

/** The export as a gzip stream; an error midway ends it early (without the `end` line). */
export function tenantExportStream(orm: Orm, tenantId: string, onError: (err: Error) => void): Readable {
  const gzip = createGzip();
  pipeline(Readable.from(exportLines(orm, tenantId)), gzip, (err) => {
    if (err && err.name !== 'AbortError' && (err as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE')
      onError(err);
  });
  return gzip;
}

async function* exportLines(orm: Orm, tenantId: string): AsyncGenerator<string> {
  const snapshot = await openTenantSnapshot(orm, tenantId);
  try {
    // the tenant's own row first, then every table with a tenant_id, by name
    const tables = await snapshot.query<TableColumns>(
      `select c.relname::text as table_name, array_agg(a.attname::text order by a.attnum) as columns
         from pg_class c
         join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
         join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where c.relname = 'tenants' or c.relname in (select tenant_tables())
        group by c.relname
        order by c.relname <> 'tenants', c.relname`,
    );
    const omitted = Object.fromEntries(
      tables
        .map((t) => [t.table_name, t.columns.filter(isSecretColumn)] as const)
        .filter(([, cols]) => cols.length > 0),
    );
    yield `${JSON.stringify({
      format: TENANT_EXPORT_FORMAT,
      tenantId,
      exportedAt: new Date().toISOString(),
      tables: tables.map((t) => t.table_name),
      omittedColumns: omitted,
    })}\n`;
    const rows: Record<string, number> = {};
    for (const { table_name: table } of tables) {
      const name = JSON.stringify(table);
      // `tenant_id = $1` as well as the wall: the plugin tables also show the public catalog
      const key = table === 'tenants' ? 'id' : 'tenant_id';
      let count = 0;
      for await (const batch of snapshot.batches<{ row: string }>(
        `select (to_jsonb(t) - $2::text[])::text as row from public."${table.replaceAll('"', '""')}" t
          where t.${key} = $1`,
        [tenantId, omitted[table] ?? []],
      )) {
        count += batch.length;
        yield batch.map((r) => `{"table":${name},"row":${r.row}}\n`).join('');
      }
      rows[table] = count;
    }
    yield `${JSON.stringify({ end: true, rows })}\n`;
  } finally {
    await snapshot.close();
  }
}
