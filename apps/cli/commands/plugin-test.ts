import { evaluateAnswer, firstTurnInput } from '../../../src/evaluation/index.ts';
import { type Manifest, validateManifest } from '../../../src/plugins/index.ts';
import { readManifestText } from './plugin-files.ts';
import { progress } from './progress.ts';

export const summary = 'Score every golden answer with the built-in evaluator; check the ranges.';

export const help = `ai-interviewer plugin test <dir|file> [<dir|file> ...]

Validates each plugin.json, then runs every golden answer through the built-in evaluator
(deterministic, offline) and prints a calibration table: question, label, expected range,
score and ✔/✘. A golden answer fails when its score leaves its expected range, or when a
question's strong answer does not outscore its average one, or its average the weak one.
Exit code 1 when any plugin is invalid or any golden answer fails.`;

interface Row {
  questionId: string;
  label: string;
  min: number;
  max: number;
  score: number;
  inRange: boolean;
  /** why the row breaks strong > average > weak, if it does */
  order: string | null;
}

const RANK: Record<string, number> = { strong: 0, average: 1, weak: 2 };

/** Every golden answer of a manifest scored, with range and strong > average > weak checks. */
export function calibrate(m: Manifest, onEach: () => void = () => {}): Row[] {
  const rows: Row[] = m.goldenAnswers.map((g) => {
    const question = m.questions.find((q) => q.id === g.questionId)!;
    const { score } = evaluateAnswer(firstTurnInput(m, question, g.answer));
    onEach();
    const { min, max } = g.expected;
    return {
      questionId: g.questionId,
      label: g.label ?? '-',
      min,
      max,
      score,
      inRange: score >= min && score <= max,
      order: null,
    };
  });
  for (const row of rows) {
    const rank = RANK[row.label];
    if (rank === undefined) continue;
    for (const other of rows) {
      const otherRank = RANK[other.label];
      if (other.questionId !== row.questionId || otherRank === undefined || otherRank === rank) continue;
      const broken = otherRank < rank ? other.score <= row.score : row.score <= other.score;
      if (broken) {
        row.order = `${row.label} ${row.score} vs ${other.label} ${other.score}`;
        break;
      }
    }
  }
  return rows;
}

function table(rows: Row[]): string[] {
  const head = ['question', 'label', 'expected', 'score', ''];
  const cells = rows.map((r) => [
    r.questionId,
    r.label,
    `${r.min}-${r.max}`,
    String(r.score),
    r.inRange && !r.order
      ? '✔'
      : `✘${r.inRange ? '' : ' out of range'}${r.order ? ` order: ${r.order}` : ''}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => (i === 3 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), ...cells.map(line)].map((l) => `  ${l}`);
}

export async function run(args: string[]): Promise<number> {
  const targets = args.filter((a) => !a.startsWith('--'));
  if (targets.length === 0) {
    console.error(help);
    return 2;
  }
  const loaded: { file: string; manifest: Manifest | null; problems: string[] }[] = [];
  for (const target of targets) {
    const { file, text } = await readManifestText(target);
    const result = validateManifest(text);
    loaded.push(
      result.ok
        ? { file, manifest: result.manifest, problems: [] }
        : {
            file,
            manifest: null,
            problems: result.problems.map((p) => `${p.path || '(document)'}: ${p.message}`),
          },
    );
  }

  const total = loaded.reduce((n, l) => n + (l.manifest?.goldenAnswers.length ?? 0), 0);
  const bar = progress('scoring golden answers', total);
  const results = loaded.map((l) => ({
    ...l,
    rows: l.manifest ? calibrate(l.manifest, () => bar.tick()) : [],
  }));
  bar.done();

  let failedPlugins = 0;
  let answers = 0;
  let failedAnswers = 0;
  for (const r of results) {
    if (!r.manifest) {
      failedPlugins++;
      console.log(`✘ ${r.file}: invalid manifest, ${r.problems.length} problem(s)`);
      for (const p of r.problems) console.log(`    ${p}`);
      continue;
    }
    const failed = r.rows.filter((row) => !row.inRange || row.order).length;
    answers += r.rows.length;
    failedAnswers += failed;
    if (failed > 0) failedPlugins++;
    console.log(
      `${failed ? '✘' : '✔'} ${r.manifest.id}@${r.manifest.version} (${r.file}): ${r.rows.length - failed}/${r.rows.length} golden answers calibrated`,
    );
    if (r.rows.length > 0) console.log(table(r.rows).join('\n'));
  }
  const ok = failedPlugins === 0;
  console.log(
    `${ok ? '✔' : '✘'} ${answers - failedAnswers}/${answers} golden answers in range and ordered across ${results.length} plugin(s)${ok ? '' : `; ${failedAnswers} failing, ${failedPlugins} plugin(s) with problems`}`,
  );
  return ok ? 0 : 1;
}
