import { randomFillSync } from 'node:crypto';

/** Random bytes drawn 16 at a time from a pool refilled 256 at a time (one RNG call per 16 ids). */
const pool = Buffer.alloc(256);
let poolOffset = pool.length;
function random16(): Buffer {
  if (poolOffset + 16 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + 16); // used up at once by the caller
  poolOffset += 16;
  return bytes;
}

/**
 * A UUIDv7 (RFC 9562): time-ordered, so primary keys double as a stable cursor order and
 * inserts stay index-friendly. PostgreSQL 15 has no generator for it, so the app makes them.
 */
export function uuidv7(now = Date.now()): string {
  const bytes = random16();
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A `uuid[]` parameter as PostgreSQL's array literal (the ORM would spread a JS array); null: none given. */
export const uuidArray = (ids: readonly string[] | undefined): string | null =>
  ids ? `{${ids.filter((id) => UUID_PATTERN.test(id)).join(',')}}` : null;
