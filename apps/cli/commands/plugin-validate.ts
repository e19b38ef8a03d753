import { validateManifest } from '../../../src/plugins/index.ts';
import { readManifestText } from './plugin-files.ts';
import { progress } from './progress.ts';

export const summary = 'Check plugin.json files; every problem with its JSON path.';

export const help = `ai-interviewer plugin validate <dir|file> [<dir|file> ...]

Checks each plugin.json against the manifest schema and its cross-references. Prints every
problem with its JSON path. Exit code 1 when any plugin has a problem.`;

export async function run(args: string[]): Promise<number> {
  const targets = args.filter((a) => !a.startsWith('--'));
  if (targets.length === 0) {
    console.error(help);
    return 2;
  }
  const bar = progress('validating', targets.length);
  let failed = 0;
  const reports: string[] = [];
  for (const target of targets) {
    const { file, text } = await readManifestText(target);
    const result = validateManifest(text);
    if (result.ok) {
      const m = result.manifest;
      reports.push(
        `✔ ${file}: ${m.id}@${m.version} — ${m.questions.length} questions, ${m.rubrics.length} rubrics, ${m.goldenAnswers.length} golden answers (sha256 ${result.sha256.slice(0, 12)}…)`,
      );
    } else {
      failed++;
      reports.push(`✘ ${file}: ${result.problems.length} problem(s)`);
      for (const p of result.problems) reports.push(`    ${p.path || '(document)'}: ${p.message}`);
    }
    bar.tick();
  }
  bar.done();
  console.log(reports.join('\n'));
  return failed ? 1 : 0;
}
