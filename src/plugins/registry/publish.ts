import { LockMode } from '@mikro-orm/core';
import { Plugin, PluginVersion, type TenantEm } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { PRIVATE_PLUGIN_PREFIX } from '../manifest.ts';
import { type ValidationResult, validateManifest } from '../validate.ts';
import { compareSemver } from './semver.ts';

export interface PublishResult {
  /** `created` for a new version, `unchanged` when the same content was already published */
  status: 'created' | 'unchanged';
  id: string;
  version: string;
  sha256: string;
}

/** A valid manifest, or an invalid_manifest error listing every problem with its JSON path. */
export function requireValidManifest(input: unknown): Extract<ValidationResult, { ok: true }> {
  // A parsed body must itself be the manifest object: a JSON string of manifest text is not one.
  if (typeof input !== 'object' || input === null || Array.isArray(input) || input instanceof Uint8Array) {
    throw new AppError('invalid_manifest', 'The manifest must be a JSON object', {
      errors: [{ path: '', message: 'expected a JSON object' }],
    });
  }
  const result = validateManifest(input);
  if (!result.ok) {
    throw new AppError('invalid_manifest', `The manifest has ${result.problems.length} problem(s)`, {
      errors: result.problems,
    });
  }
  return result;
}

/**
 * Publish a manifest as `partnerId`. The first publisher of an id owns it; a version is
 * immutable: the same content again is a no-op, other content is a conflict. Runs in the caller's
 * transaction; the insert-or-nothing statements make concurrent publishes safe.
 */
export async function publishPlugin(em: TenantEm, partnerId: string, input: unknown): Promise<PublishResult> {
  const { manifest, sha256 } = requireValidManifest(input);
  const { id, version } = manifest;
  if (id.startsWith(PRIVATE_PLUGIN_PREFIX))
    throw new AppError('invalid_manifest', 'The manifest has 1 problem(s)', {
      errors: [
        { path: '/id', message: `ids starting with "${PRIVATE_PLUGIN_PREFIX}" are reserved for positions` },
      ],
    });
  const roles = manifest.roles.map((r) => ({ id: r.id, title: r.title }));
  const searchText = [
    id,
    manifest.name,
    manifest.description,
    manifest.publisher,
    ...roles.flatMap((r) => [r.id, r.title]),
  ]
    .join(' ')
    .toLowerCase();

  // Claim the id if nobody has; then lock the row so concurrent publishes of one id serialise.
  await em.execute(
    `insert into plugins (id, partner_id, name, description, publisher, latest_version, roles, search_text)
     values (?, ?, ?, ?, ?, ?, ?::jsonb, ?) on conflict (id) do nothing`,
    [
      id,
      partnerId,
      manifest.name,
      manifest.description,
      manifest.publisher,
      version,
      JSON.stringify(roles),
      searchText,
    ],
  );
  const plugin = await em.findOneOrFail(
    Plugin,
    { id },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
  if (plugin.partnerId !== partnerId) {
    throw new AppError('not_plugin_owner', `The plugin id "${id}" belongs to another publisher`);
  }

  const inserted = await em.execute<{ sha256: string }[]>(
    `insert into plugin_versions (plugin_id, version, sha256, manifest) values (?, ?, ?, ?::jsonb)
     on conflict (plugin_id, version) do nothing returning sha256`,
    [id, version, sha256, JSON.stringify(manifest)],
  );
  if (inserted.length === 0) {
    const existing = await em.findOneOrFail(PluginVersion, { pluginId: id, version });
    if (existing.sha256 !== sha256) {
      throw new AppError(
        'version_exists',
        `${id}@${version} is already published with other content; bump the version`,
        {
          sha256: existing.sha256,
        },
      );
    }
    return { status: 'unchanged', id, version, sha256 };
  }

  if (compareSemver(version, plugin.latestVersion) >= 0) {
    Object.assign(plugin, {
      latestVersion: version,
      name: manifest.name,
      description: manifest.description,
      publisher: manifest.publisher,
      roles,
      searchText,
    });
    await em.flush();
  }
  return { status: 'created', id, version, sha256 };
}
