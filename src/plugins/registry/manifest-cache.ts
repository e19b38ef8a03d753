import type { Sql } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { type Manifest, PRIVATE_PLUGIN_PREFIX } from '../manifest.ts';

const MAX_ENTRIES = 100;
const cache = new Map<string, Manifest>();

/**
 * A published manifest by id@version. Versions are immutable, so a process-wide cache never goes
 * stale; it is bounded (least recently used out) because manifests can be large.
 */
export async function loadManifest(sql: Sql, pluginId: string, version: string): Promise<Manifest> {
  const k = `${pluginId}@${version}`;
  const hit = cache.get(k);
  // a tenant-private version is cached for every tenant: the row must be visible to this one (RLS)
  if (hit && pluginId.startsWith(PRIVATE_PLUGIN_PREFIX)) {
    const visible = await sql('select 1 from plugin_versions where plugin_id = ? and version = ?', [
      pluginId,
      version,
    ]);
    if (visible.length === 0) throw new AppError('not_found', `No plugin version ${k}`);
  }
  if (hit) {
    cache.delete(k);
    cache.set(k, hit);
    return hit;
  }
  const [row] = await sql<{ manifest: unknown }>(
    'select manifest from plugin_versions where plugin_id = ? and version = ?',
    [pluginId, version],
  );
  if (!row) throw new AppError('not_found', `No plugin version ${k}`);
  const manifest = row.manifest as Manifest;
  cache.set(k, manifest);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return manifest;
}
