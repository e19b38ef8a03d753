import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { starterManifest } from '../../../src/plugins/index.ts';
import { flag } from './flags.ts';

export const summary = 'Write a valid starter plugin to edit.';

export const help = `ai-interviewer plugin init <dir> [--id <plugin-id>] [--publisher <name>]

Writes <dir>/plugin.json: a small, valid starter plugin to edit. Refuses to overwrite.`;

export async function run(args: string[]): Promise<number> {
  const dir = args[0];
  if (!dir || dir.startsWith('--')) {
    console.error(help);
    return 2;
  }
  const file = path.resolve(dir, 'plugin.json');
  if (existsSync(file)) {
    console.error(`${file} exists; not overwriting`);
    return 1;
  }
  const slug =
    path
      .basename(path.resolve(dir))
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'plugin';
  const id = flag(args, '--id') ?? `my-company.${slug}`;
  const manifest = starterManifest(id, flag(args, '--publisher') ?? 'My Company');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(
    file,
    `${JSON.stringify({ $schema: 'http://localhost:4000/api/v1/plugins/manifest.schema.json', ...manifest }, null, 2)}\n`,
  );
  console.log(
    `Wrote ${file} (${id}@${manifest.version}).\nNext: edit it, then  ai-interviewer plugin validate ${dir}`,
  );
  return 0;
}
