import {
  isUniqueViolation,
  type Page,
  type PageRequest,
  Plugin,
  PluginVersion,
  paginate,
  type TenantEm,
  TenantPlugin,
} from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { BUILTIN_PARTNER_ID } from './partners.ts';

export function listInstalls(em: TenantEm, page: PageRequest): Promise<Page<TenantPlugin>> {
  return paginate(em, TenantPlugin, {}, page);
}

async function requireVersion(em: TenantEm, pluginId: string, version: string | undefined): Promise<string> {
  const plugin = await em.findOne(Plugin, { id: pluginId, tenantId: null });
  if (!plugin) throw new AppError('not_found', `No plugin "${pluginId}"`);
  const wanted = version ?? plugin.latestVersion;
  if (!(await em.count(PluginVersion, { pluginId, version: wanted }))) {
    throw new AppError('not_found', `No plugin version ${pluginId}@${wanted}`);
  }
  return wanted;
}

async function requireInstall(em: TenantEm, pluginId: string): Promise<TenantPlugin> {
  const install = await em.findOne(TenantPlugin, { pluginId });
  if (!install) throw new AppError('not_found', `The plugin "${pluginId}" is not installed`);
  return install;
}

/** Install a plugin pinned to `version` (default: its latest). */
export async function installPlugin(
  em: TenantEm,
  tenantId: string,
  input: { pluginId: string; version?: string | undefined; installedBy?: string | null },
): Promise<TenantPlugin> {
  const version = await requireVersion(em, input.pluginId, input.version);
  if (await em.count(TenantPlugin, { pluginId: input.pluginId })) {
    throw new AppError('already_installed', `"${input.pluginId}" is installed; PATCH it to move the pin`);
  }
  const install = em.create(TenantPlugin, {
    tenantId,
    pluginId: input.pluginId,
    version,
    installedBy: input.installedBy ?? null,
  });
  try {
    await em.flush();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('already_installed');
    throw err;
  }
  return install;
}

/** Move an install's pin to another published version (upgrade or downgrade). */
export async function pinPluginVersion(
  em: TenantEm,
  pluginId: string,
  version: string,
): Promise<TenantPlugin> {
  const install = await requireInstall(em, pluginId);
  install.version = await requireVersion(em, pluginId, version);
  await em.flush();
  return install;
}

export async function uninstallPlugin(em: TenantEm, pluginId: string): Promise<void> {
  em.remove(await requireInstall(em, pluginId));
  await em.flush();
}

/** Install the latest version of every bundled plugin: what a new tenant starts with. */
export async function installBundledPlugins(em: TenantEm, tenantId: string): Promise<number> {
  const bundled = await em.find(
    Plugin,
    { partnerId: BUILTIN_PARTNER_ID, tenantId: null },
    { orderBy: { id: 'asc' } },
  );
  for (const plugin of bundled) {
    em.create(TenantPlugin, { tenantId, pluginId: plugin.id, version: plugin.latestVersion });
  }
  await em.flush();
  return bundled.length;
}
