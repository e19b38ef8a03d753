import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { emSql, type Orm, withoutTenant } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import type { Manifest } from '../manifest.ts';
import { loadManifest } from './manifest-cache.ts';
import { BUILTIN_PARTNER_ID, ensureBuiltinPartner } from './partners.ts';
import { type PublishResult, publishPlugin } from './publish.ts';

/** Where the bundled plugins live: plugins/<name>/plugin.json at the repository root. */
export const BUNDLED_PLUGINS_DIR = path.resolve(import.meta.dirname, '../../../plugins');

/**
 * Publish every bundled plugin under the built-in publisher (idempotent: unchanged versions are
 * no-ops). A bundled plugin whose content changed without a version bump stops the start.
 */
export async function syncBundledPlugins(orm: Orm, dir = BUNDLED_PLUGINS_DIR): Promise<PublishResult[]> {
  const results: PublishResult[] = [];
  for (const file of await bundledFiles(dir)) {
    const text = await readFile(file, 'utf8');
    try {
      results.push(
        await withoutTenant(orm, async (em) => {
          await ensureBuiltinPartner(em);
          return publishPlugin(em, BUILTIN_PARTNER_ID, JSON.parse(text));
        }),
      );
    } catch (err) {
      if (err instanceof AppError) {
        const problems = (err.extra.errors ?? []).map((p) => `\n  ${p.path}: ${p.message}`).join('');
        throw new Error(`bundled plugin ${file}: ${err.message}${problems}`);
      }
      throw err;
    }
  }
  return results;
}

/** The bundled plugins' manifest files, by folder name. */
async function bundledFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  return names
    .sort()
    .map((name) => path.join(dir, name, 'plugin.json'))
    .filter((file) => existsSync(file));
}

/**
 * The published manifests of the bundled plugins, from the process-wide manifest cache (the very
 * objects turns will use, so what the evaluator prepares for them is found again). A version not
 * published yet (a worker started before the first API) is left out.
 */
export async function bundledManifests(orm: Orm, dir = BUNDLED_PLUGINS_DIR): Promise<Manifest[]> {
  const manifests: Manifest[] = [];
  for (const file of await bundledFiles(dir)) {
    const { id, version } = JSON.parse(await readFile(file, 'utf8')) as { id: string; version: string };
    try {
      manifests.push(await withoutTenant(orm, (em) => loadManifest(emSql(em), id, version)));
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'not_found')) throw err;
    }
  }
  return manifests;
}
