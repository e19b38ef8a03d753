import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** A plugin is a folder holding plugin.json, or the plugin.json file itself. */
export function manifestPath(target: string): string {
  const resolved = path.resolve(target);
  return existsSync(resolved) && statSync(resolved).isDirectory()
    ? path.join(resolved, 'plugin.json')
    : resolved;
}

export async function readManifestText(target: string): Promise<{ file: string; text: string }> {
  const file = manifestPath(target);
  if (!existsSync(file)) throw new Error(`no plugin.json at ${file}`);
  return { file, text: await readFile(file, 'utf8') };
}
