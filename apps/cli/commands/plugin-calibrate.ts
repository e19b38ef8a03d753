import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../../../src/config/index.ts';
import {
  buildCalibrationReport,
  CALIBRATION_EVALUATORS,
  type CalibrationEvaluatorKind,
  calibrationJson,
  chooseEvaluator,
  DEFAULT_SCALE,
  formatScale,
  GradedFileError,
  type GradeScale,
  parseGradedFile,
  parseScale,
  renderCalibrationHtml,
  renderCalibrationText,
  scoreGradedItems,
} from '../../../src/evaluation/index.ts';
import { validateManifest } from '../../../src/plugins/index.ts';
import { readManifestText } from './plugin-files.ts';
import { progress } from './progress.ts';

export const summary = 'Score human-graded answers; how well the evaluator agrees with people.';

export const help = `ai-interviewer plugin calibrate <dir|file> --graded <file.jsonl> [options]

Scores every human-graded answer in the JSONL file with the chosen evaluator and reports how well
its scores agree with the people's grades: Pearson and Spearman r, quadratic weighted kappa, mean
absolute error and bias on 0-100, a calibration table (grade -> mean score), agreement per
question and the 10 largest disagreements with the evaluator's rationale. Progress goes to stderr.

Each line of the file: {"id": "...", "questionId": "...", "answer": "...", "score": 4}
(other fields are ignored; empty lines are skipped). "score" is the person's grade on --scale.

Options:
  --graded FILE        the human-graded answers (required)
  --scale MIN..MAX     the grading scale, whole numbers (default ${formatScale(DEFAULT_SCALE)})
  --evaluator NAME     builtin (default) or llm (the LLM evaluator from the OPENAI_* settings;
                       it falls back to builtin on a failure, and the fallbacks are counted)
  --min-r X            exit 1 when Pearson r is below X (-1..1), e.g. in a partner's CI
  --json               print one JSON object on stdout and nothing else
  --html FILE          also write the report as a self-contained HTML page with a scatter plot

Exit codes: 0 done (and r >= --min-r), 1 r below --min-r (or not computable), 2 bad input
(a bad line of the file, an unknown question, a grade off the scale, an invalid plugin, a bad
option). See docs/scoring.md, "Calibrating a bank".`;

const VALUE_FLAGS = new Set(['--graded', '--scale', '--evaluator', '--min-r', '--html']);
const BOOLEAN_FLAGS = new Set(['--json']);

class UsageError extends Error {}

interface Options {
  target: string;
  graded: string;
  scale: GradeScale;
  evaluator: CalibrationEvaluatorKind;
  minR: number | undefined;
  json: boolean;
  html: string | undefined;
}

function parseArgs(args: string[]): Options {
  const values = new Map<string, string>();
  const positional: string[] = [];
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (BOOLEAN_FLAGS.has(name)) {
      if (eq > 0) throw new UsageError(`${name} takes no value`);
      json = true;
    } else if (VALUE_FLAGS.has(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) {
        throw new UsageError(`${name} needs a value`);
      }
      values.set(name, value);
    } else if (arg.startsWith('--')) {
      throw new UsageError(`unknown option ${arg}`);
    } else positional.push(arg);
  }
  if (positional.length !== 1) {
    throw new UsageError(
      positional.length === 0 ? 'which plugin? give its folder or plugin.json' : 'one plugin at a time',
    );
  }
  const graded = values.get('--graded');
  if (!graded) throw new UsageError('--graded FILE is required (the human-graded answers, JSON Lines)');

  let scale = DEFAULT_SCALE;
  const scaleText = values.get('--scale');
  if (scaleText !== undefined) {
    try {
      scale = parseScale(scaleText);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }

  const evaluator = values.get('--evaluator') ?? 'builtin';
  if (!(CALIBRATION_EVALUATORS as readonly string[]).includes(evaluator)) {
    throw new UsageError(`--evaluator "${evaluator}": use ${CALIBRATION_EVALUATORS.join(' or ')}`);
  }

  let minR: number | undefined;
  const minRText = values.get('--min-r');
  if (minRText !== undefined) {
    minR = /^\s*[-+]?(\d+\.?\d*|\.\d+)\s*$/.test(minRText) ? Number(minRText) : Number.NaN;
    if (!(minR >= -1 && minR <= 1))
      throw new UsageError(`--min-r "${minRText}" is not a number from -1 to 1`);
  }

  return {
    target: positional[0]!,
    graded,
    scale,
    evaluator: evaluator as CalibrationEvaluatorKind,
    minR,
    json,
    html: values.get('--html'),
  };
}

/** Write and wait until flushed; a reader that went away (`| head`) is not an error. */
const write = (stream: NodeJS.WriteStream, text: string) =>
  new Promise<void>((resolve) => {
    const gone = () => resolve();
    stream.once('error', gone);
    stream.write(text, (err) => {
      if (!err) stream.off('error', gone); // on an error the 'error' event follows: keep the listener
      resolve();
    });
  });

/** Exit 2 with a message on stderr. */
function bad(message: string): number {
  console.error(`error: ${message}`);
  return 2;
}

export async function run(args: string[]): Promise<number> {
  let opts: Options;
  try {
    opts = parseArgs(args);
  } catch (err) {
    if (err instanceof UsageError)
      return bad(`${err.message}\nRun \`ai-interviewer plugin calibrate --help\`.`);
    throw err;
  }

  let manifestText: { file: string; text: string };
  try {
    manifestText = await readManifestText(opts.target);
  } catch (err) {
    return bad((err as Error).message);
  }
  const validation = validateManifest(manifestText.text);
  if (!validation.ok) {
    return bad(
      `invalid plugin ${manifestText.file}: ${validation.problems.length} problem(s)\n${validation.problems
        .map((p) => `    ${p.path || '(document)'}: ${p.message}`)
        .join('\n')}`,
    );
  }
  const manifest = validation.manifest;

  const gradedFile = path.resolve(opts.graded);
  if (!existsSync(gradedFile)) return bad(`no graded file at ${gradedFile}`);
  let items: ReturnType<typeof parseGradedFile>;
  try {
    items = parseGradedFile(
      await readFile(gradedFile, 'utf8'),
      new Set(manifest.questions.map((q) => q.id)),
      opts.scale,
    );
  } catch (err) {
    if (err instanceof GradedFileError) return bad(`${gradedFile}: ${err.message}`);
    return bad(`cannot read ${gradedFile}: ${(err as Error).message}`);
  }
  if (items.length === 0) return bad(`${gradedFile} holds no graded answers`);

  let evaluator: Awaited<ReturnType<typeof chooseEvaluator>>;
  try {
    evaluator = await chooseEvaluator(
      opts.evaluator,
      opts.evaluator === 'llm' ? loadConfig().openai : undefined,
    );
  } catch (err) {
    return bad((err as Error).message);
  }

  const bar = progress(`scoring with ${evaluator.name}`, items.length);
  let scored: Awaited<ReturnType<typeof scoreGradedItems>>;
  try {
    scored = await scoreGradedItems(manifest, items, evaluator, () => bar.tick());
  } finally {
    bar.done();
  }

  const report = buildCalibrationReport({
    plugin: { id: manifest.id, version: manifest.version, name: manifest.name },
    evaluator: { name: evaluator.name, version: evaluator.version },
    scale: opts.scale,
    items: scored,
    questionOrder: manifest.questions.map((q) => q.id),
  });

  if (opts.html) {
    const htmlFile = path.resolve(opts.html);
    try {
      await writeFile(htmlFile, renderCalibrationHtml(report));
    } catch (err) {
      // a path that cannot be written is bad input, like a missing graded file
      console.error(`--html: cannot write ${htmlFile}: ${err instanceof Error ? err.message : err}`);
      return 2;
    }
    if (opts.json) console.error(`wrote ${htmlFile}`);
  }
  if (opts.json) await write(process.stdout, `${JSON.stringify(calibrationJson(report))}\n`);
  else {
    await write(process.stdout, `${renderCalibrationText(report)}\n`);
    if (opts.html) console.log(`\nWrote ${path.resolve(opts.html)}`);
  }

  if (opts.minR === undefined) return 0;
  const r = report.pearson;
  const verdict =
    r === null
      ? `✘ Pearson r cannot be computed (fewer than 2 scorable answers, or no variance); --min-r ${opts.minR} not met`
      : r < opts.minR
        ? `✘ Pearson r ${r.toFixed(3)} is below --min-r ${opts.minR}`
        : `✔ Pearson r ${r.toFixed(3)} meets --min-r ${opts.minR}`;
  if (opts.json || r === null || r < opts.minR) console.error(verdict);
  else console.log(verdict);
  return r !== null && r >= opts.minR ? 0 : 1;
}
