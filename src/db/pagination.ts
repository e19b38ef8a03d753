import type { EntityName, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../errors/index.ts';
import { UUID_PATTERN } from './ids.ts';

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

/** Cursors are opaque to clients: base64url of the last id (UUIDv7 ids are time-ordered). */
export const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');

const invalidCursor = () =>
  new AppError('validation_failed', 'Invalid cursor', {
    errors: [{ path: '/query/cursor', message: 'not a cursor returned by this list' }],
  });

/** The key inside a cursor (any string key, e.g. a plugin id). */
export function decodeCursorKey(cursor: string): string {
  const key = Buffer.from(cursor, 'base64url').toString();
  if (!key || key.length > 200 || encodeCursor(key) !== cursor) throw invalidCursor();
  return key;
}

/** The UUID inside a cursor of a list ordered by UUIDv7 id. */
export function decodeCursor(cursor: string): string {
  const id = decodeCursorKey(cursor);
  if (!UUID_PATTERN.test(id)) throw invalidCursor();
  return id;
}

/**
 * A page from `limit + 1` rows read in key order: the first `limit`, each made into its view, and
 * a cursor (the last one's id) when the extra row shows there is more.
 */
export function pageOfRows<R, T extends { id: string }>(
  rows: R[],
  limit: number,
  view: (row: R) => T,
): Page<T> {
  const items = rows.slice(0, limit).map(view);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}

/** Keyset pagination by primary key: stable under inserts, no OFFSET scans. */
export async function paginate<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  page: PageRequest,
): Promise<Page<T>> {
  const after = page.cursor ? decodeCursor(page.cursor) : undefined;
  const cond = (after ? { $and: [where, { id: { $gt: after } }] } : where) as FilterQuery<T>;
  const rows = await em.find(entity, cond, {
    orderBy: { id: 'asc' } as never,
    limit: page.limit + 1,
  });
  return pageOfRows(rows, page.limit, (r) => r);
}
