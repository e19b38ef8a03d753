import { type Sql, UUID_PATTERN } from '../db/index.ts';
import { AppError } from '../errors/index.ts';

/** What an ATS offers its users to pick: the tenant's open positions (a Greenhouse test, an Ashby assessment). */
export function openPositions(
  sql: Sql,
  tenantId: string,
): Promise<{ id: string; title: string; department: string | null; location: string | null }[]> {
  return sql(
    `select id, title, department, location from positions where tenant_id = ? and status = 'open' order by title, id`,
    [tenantId],
  );
}

/** The open position an ATS names; an unknown id (another tenant's too) or a closed one is a 404. */
export async function openPosition(
  sql: Sql,
  tenantId: string,
  id: string,
): Promise<{ id: string; title: string }> {
  const [row] = UUID_PATTERN.test(id)
    ? await sql<{ id: string; title: string; status: string }>(
        'select id, title, status from positions where id = ? and tenant_id = ?',
        [id, tenantId],
      )
    : [];
  if (!row) throw new AppError('not_found', `No position ${id.slice(0, 100)}`);
  if (row.status !== 'open') throw new AppError('not_found', `The position "${row.title}" is closed`);
  return row;
}

/** An interview this connection started, by the id the ATS knows it by; anything else is a 404. */
export async function linkOf(sql: Sql, tenantId: string, connectionId: string, partnerId: string) {
  const [row] = UUID_PATTERN.test(partnerId)
    ? await sql<{ id: string }>(
        'select id from ats_links where id = ? and connection_id = ? and tenant_id = ?',
        [partnerId, connectionId, tenantId],
      )
    : [];
  if (!row) throw new AppError('not_found', `No interview ${partnerId.slice(0, 100)}`);
  return row.id;
}
