import { EntitySchema, OptionalProps, PrimaryKeyProp } from '@mikro-orm/core';
import { uuidv7 } from '../ids.ts';
import { tenantFilter } from './tenant-filter.ts';

export interface PluginRole {
  id: string;
  title: string;
}

/** A plugin id, claimed by the partner who first published it; `latestVersion` is the highest semver. */
export class Plugin {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'roles' | 'searchText' | 'tenantId';
  id!: string;
  partnerId!: string;
  /** set for a tenant-private plugin (a position's design): that tenant alone can read it (RLS) */
  tenantId: string | null = null;
  name!: string;
  description!: string;
  publisher!: string;
  latestVersion!: string;
  roles: PluginRole[] = [];
  searchText = '';
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const PluginSchema = new EntitySchema<Plugin>({
  class: Plugin,
  tableName: 'plugins',
  properties: {
    id: { type: 'string', primary: true },
    partnerId: { type: 'uuid' },
    tenantId: { type: 'uuid', nullable: true },
    name: { type: 'string' },
    description: { type: 'text' },
    publisher: { type: 'string' },
    latestVersion: { type: 'string' },
    roles: { type: 'json' },
    searchText: { type: 'text', hidden: true },
    createdAt: { type: 'Date', onCreate: () => new Date() },
    updatedAt: { type: 'Date', onCreate: () => new Date(), onUpdate: () => new Date() },
  },
});

/** One immutable published version: the validated manifest and its content hash. */
export class PluginVersion {
  [PrimaryKeyProp]?: ['pluginId', 'version'];
  [OptionalProps]?: 'publishedAt' | 'tenantId';
  pluginId!: string;
  version!: string;
  tenantId: string | null = null;
  sha256!: string;
  manifest!: unknown;
  publishedAt: Date = new Date();
}

export const PluginVersionSchema = new EntitySchema<PluginVersion>({
  class: PluginVersion,
  tableName: 'plugin_versions',
  properties: {
    pluginId: { type: 'string', primary: true },
    version: { type: 'string', primary: true },
    tenantId: { type: 'uuid', nullable: true },
    sha256: { type: 'string' },
    manifest: { type: 'json', lazy: true },
    publishedAt: { type: 'Date', onCreate: () => new Date() },
  },
});

/** A tenant's install of a plugin, pinned to one version. */
export class TenantPlugin {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'installedBy';
  id: string = uuidv7();
  tenantId!: string;
  pluginId!: string;
  version!: string;
  installedBy: string | null = null;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const TenantPluginSchema = new EntitySchema<TenantPlugin>({
  class: TenantPlugin,
  tableName: 'tenant_plugins',
  filters: { tenant: tenantFilter },
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'uuid' },
    pluginId: { type: 'string' },
    version: { type: 'string' },
    installedBy: { type: 'uuid', nullable: true },
    createdAt: { type: 'Date', onCreate: () => new Date() },
    updatedAt: { type: 'Date', onCreate: () => new Date(), onUpdate: () => new Date() },
  },
});
