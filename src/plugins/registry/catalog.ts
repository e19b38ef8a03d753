import {
  decodeCursorKey,
  type Page,
  Plugin,
  PluginVersion,
  pageOfRows,
  type TenantEm,
} from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { type Manifest, PluginId } from '../manifest.ts';
import { compareSemver } from './semver.ts';

export interface CatalogQuery {
  role?: string | undefined;
  q?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

const likePattern = (s: string) => `%${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The catalog every tenant browses: plugins by role or free text, ordered by id, keyset-paged. */
export async function listPlugins(em: TenantEm, query: CatalogQuery): Promise<Page<Plugin>> {
  // tenant-private plugins (positions' designs) are never in the catalog, not even for their tenant
  const where: Record<string, unknown>[] = [{ tenantId: null }];
  if (query.role) where.push({ searchText: { $like: likePattern(query.role) } });
  if (query.q) where.push({ searchText: { $like: likePattern(query.q) } });
  if (query.cursor) {
    const after = decodeCursorKey(query.cursor);
    if (!PluginId.safeParse(after).success) {
      throw new AppError('validation_failed', 'Invalid cursor', {
        errors: [{ path: '/query/cursor', message: 'not a cursor returned by this list' }],
      });
    }
    where.push({ id: { $gt: after } });
  }
  const rows = await em.find(Plugin, { $and: where }, { orderBy: { id: 'asc' }, limit: query.limit + 1 });
  return pageOfRows(rows, query.limit, (r) => r);
}

export async function getPlugin(
  em: TenantEm,
  id: string,
): Promise<{ plugin: Plugin; versions: PluginVersion[] }> {
  const plugin = await em.findOne(Plugin, { id, tenantId: null });
  if (!plugin) throw new AppError('not_found', `No plugin "${id}"`);
  const versions = await em.find(PluginVersion, { pluginId: id });
  versions.sort((a, b) => compareSemver(b.version, a.version));
  return { plugin, versions };
}

export async function getPluginVersion(em: TenantEm, id: string, version: string) {
  const row = await em.findOne(
    PluginVersion,
    { pluginId: id, version, tenantId: null },
    { populate: ['manifest'] },
  );
  if (!row) throw new AppError('not_found', `No plugin version ${id}@${version}`);
  return { ...row, manifest: row.manifest as Manifest };
}
