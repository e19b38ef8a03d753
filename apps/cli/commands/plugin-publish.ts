import { validateManifest } from '../../../src/plugins/index.ts';
import { flag } from './flags.ts';
import { readManifestText } from './plugin-files.ts';

export const summary = 'Validate a plugin, then publish it to the registry.';

export const help = `ai-interviewer plugin publish <dir|file> --api-key <aip_…> [--url <server>]

Validates plugin.json locally, then publishes it with your partner key.
  --api-key   partner key (or env AI_INTERVIEWER_PARTNER_KEY)
  --url       server base URL (or env AI_INTERVIEWER_URL; default http://localhost:4000)
Versions are immutable: publishing the same content again is a no-op; changed content needs a
new version. Exit code 1 on any problem.`;

export async function run(args: string[]): Promise<number> {
  const target = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  const apiKey = flag(args, '--api-key') ?? process.env['AI_INTERVIEWER_PARTNER_KEY'];
  const url = (flag(args, '--url') ?? process.env['AI_INTERVIEWER_URL'] ?? 'http://localhost:4000').replace(
    /\/+$/,
    '',
  );
  if (!target || !apiKey) {
    console.error(help);
    return 2;
  }

  console.log(`[1/3] Reading ${target}`);
  const { file, text } = await readManifestText(target);
  console.log(`[2/3] Validating ${file}`);
  const result = validateManifest(text);
  if (!result.ok) {
    for (const p of result.problems) console.error(`    ${p.path || '(document)'}: ${p.message}`);
    console.error(`✘ ${result.problems.length} problem(s); nothing published`);
    return 1;
  }
  const { id, version } = result.manifest;
  console.log(`[3/3] Publishing ${id}@${version} to ${url}`);
  const res = await fetch(`${url}/api/v1/partner/plugins`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: text,
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (res.status === 201 || res.status === 200) {
    const what = res.status === 201 ? 'published' : 'already published with this content (nothing changed)';
    console.log(`✔ ${id}@${version} ${what}; sha256 ${body['sha256']}`);
    return 0;
  }
  console.error(`✘ ${res.status} ${body['code'] ?? ''}: ${body['detail'] ?? JSON.stringify(body)}`);
  for (const e of (body['errors'] as { path: string; message: string }[] | undefined) ?? []) {
    console.error(`    ${e.path}: ${e.message}`);
  }
  return 1;
}
