import { emSql, PluginVersion, type TenantEm, TenantPlugin } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { loadManifest, type Manifest } from '../../plugins/index.ts';

export interface SelectedBank {
  pluginId: string;
  version: string;
  sha256: string;
  manifest: Manifest;
  role: Manifest['roles'][number];
}

const norm = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');

/**
 * The question bank for a role: among the tenant's installed plugins (pinned versions), the
 * first (by plugin id) whose roles include `role` by id or title. An unknown role is a 422 that
 * lists what is installed, so the caller can correct it.
 */
export async function selectBank(em: TenantEm, role: string, pluginId?: string): Promise<SelectedBank> {
  const installs = await em.find(TenantPlugin, pluginId ? { pluginId } : {}, {
    orderBy: { pluginId: 'asc' },
  });
  const wanted = norm(role);
  const offered: { id: string; title: string; pluginId: string }[] = [];
  for (const install of installs) {
    const manifest = await loadManifest(emSql(em), install.pluginId, install.version);
    for (const r of manifest.roles) {
      offered.push({ id: r.id, title: r.title, pluginId: install.pluginId });
      if (norm(r.id) === wanted || norm(r.title) === wanted) {
        const version = await em.findOneOrFail(PluginVersion, {
          pluginId: install.pluginId,
          version: install.version,
        });
        return {
          pluginId: install.pluginId,
          version: install.version,
          sha256: version.sha256,
          manifest,
          role: r,
        };
      }
    }
  }
  if (pluginId && installs.length === 0)
    throw new AppError('not_found', `The plugin "${pluginId}" is not installed`);
  throw new AppError('unknown_role', `No installed plugin offers the role "${role}"`, { roles: offered });
}
