import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Orm, withoutTenant } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { BUILTIN_PARTNER_ID, ensureBuiltinPartner } from './partners.ts';
import { type PublishResult, publishPlugin } from './publish.ts';

/** Where the bundled plugins live: plugins/<name>/plugin.json at the repository root. */
export const BUNDLED_PLUGINS_DIR = path.resolve(import.meta.dirname, '../../../plugins');

/**
 * Publish every bundled plugin under the built-in publisher (idempotent: unchanged versions are
 * no-ops). A bundled plugin whose content changed without a version bump stops the start.
 */
export async function syncBundledPlugins(orm: Orm, dir = BUNDLED_PLUGINS_DIR): Promise<PublishResult[]> {
  if (!existsSync(dir)) return [];
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  const results: PublishResult[] = [];
  for (const name of names.sort()) {
    const file = path.join(dir, name, 'plugin.json');
    if (!existsSync(file)) continue;
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
