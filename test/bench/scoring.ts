import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyse } from '../../src/evaluation/builtin/text.ts';
import { type EvaluationInput, evaluateAnswer, firstTurnInput } from '../../src/evaluation/index.ts';
import { BUNDLED_PLUGINS_DIR, type Manifest, validateManifest } from '../../src/plugins/index.ts';
import { done, progress, type Row, type SectionResult, say, type Target } from './lib.ts';

/**
 * scoring: milliseconds per answer of the built-in evaluator, in this process, next to
 * - built-in evaluator 1.1.0, the version 2.0.0 replaced, checked out of git history (its
 *   source at EVALUATOR_1_1_0) and run in the same process on the same answers;
 * - the floor: reading the text (wink-nlp's sentences, tokens, lemmas, parts of speech), which
 *   any evaluator of the text does before anything else.
 * On the bundled banks' golden answers (interview answers), on the human-graded answers of the
 * shared grading data when present (short technical answers), and on 20,000-character answers
 * (the size limit), where the target is well under 50 ms.
 */

/** The last commit whose built-in evaluator is 1.1.0. */
const EVALUATOR_1_1_0 = 'dba4b177907e36443b4c92008f986d6428d777b8';
const ROOT = path.resolve(import.meta.dirname, '../..');
const GRADED = path.resolve(ROOT, '../shared/data/grading/unt-cs-dev');
const LIMIT_MS = 50;

type Evaluate = (input: EvaluationInput) => { score: number };

/** 1.1.0's evaluate function, from its source in git (inside node_modules so its imports resolve). */
async function evaluator110(): Promise<Evaluate | null> {
  const dir = path.join(ROOT, 'node_modules/.cache/ai-interviewer/bench-evaluator-1.1.0');
  try {
    if (!existsSync(path.join(dir, 'src/evaluation/builtin/evaluator.ts'))) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const archive = execFileSync('git', ['-C', ROOT, 'archive', EVALUATOR_1_1_0, 'src'], {
        maxBuffer: 64 * 1024 * 1024,
      });
      execFileSync('tar', ['-x', '-C', dir], { input: archive });
    }
    const module = (await import(
      pathToFileURL(path.join(dir, 'src/evaluation/builtin/evaluator.ts')).href
    )) as {
      evaluateAnswer: Evaluate;
    };
    return module.evaluateAnswer;
  } catch (error) {
    say(`  1.1.0 unavailable (no git history here?): ${error instanceof Error ? error.message : error}`);
    return null;
  }
}

interface Case {
  input: EvaluationInput;
}

function bundledCases(): Case[] {
  return readdirManifests().flatMap((m) =>
    m.goldenAnswers.map((g) => {
      const question = m.questions.find((q) => q.id === g.questionId)!;
      return { input: firstTurnInput(m, question, g.answer) };
    }),
  );
}

function readdirManifests(): Manifest[] {
  return [
    'backend-engineer',
    'customer-success-manager',
    'data-analyst',
    'frontend-engineer',
    'product-manager',
  ]
    .map((dir) => validateManifest(readFileSync(path.join(BUNDLED_PLUGINS_DIR, dir, 'plugin.json'), 'utf8')))
    .flatMap((r) => (r.ok ? [r.manifest] : []));
}

function gradedCases(): Case[] {
  if (!existsSync(path.join(GRADED, 'graded.jsonl'))) return [];
  const result = validateManifest(readFileSync(path.join(GRADED, 'plugin.json'), 'utf8'));
  if (!result.ok) return [];
  const m = result.manifest;
  return readFileSync(path.join(GRADED, 'graded.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((line) => {
      const item = JSON.parse(line) as { questionId: string; answer: string };
      const question = m.questions.find((q) => q.id === item.questionId)!;
      return { input: firstTurnInput(m, question, item.answer) };
    });
}

/** Answers at the size limit: prose, prose with many distinct words, many short sentences. */
function limitCases(): { name: string; input: EvaluationInput }[] {
  const [m] = readdirManifests();
  const g = m!.goldenAnswers.find((x) => x.label === 'strong')!;
  const question = m!.questions.find((q) => q.id === g.questionId)!;
  const references = readdirManifests().flatMap((x) => x.questions.map((q) => q.referenceAnswer ?? q.text));
  const texts = {
    'a strong answer repeated': `${g.answer} `.repeat(Math.ceil(20_000 / g.answer.length)).slice(0, 20_000),
    'prose of 770 distinct words': references.join(' ').slice(0, 20_000),
    '1,500 short sentences': Array.from({ length: 1500 }, (_, i) => `I fixed bug ${i}.`)
      .join(' ')
      .slice(0, 20_000),
    'one 20,000-character word': 'a'.repeat(20_000),
  };
  return Object.entries(texts).map(([name, text]) => ({ name, input: firstTurnInput(m!, question, text) }));
}

/** Mean milliseconds per call over `rounds` passes (after one warm-up pass). */
function time(cases: Case[], run: (c: Case) => unknown, rounds: number, label: string): number {
  for (const c of cases) run(c);
  const started = performance.now();
  for (let r = 0; r < rounds; r++) {
    progress(`${label}: pass ${r + 1}/${rounds}`);
    for (const c of cases) run(c);
  }
  done();
  return (performance.now() - started) / (rounds * cases.length);
}

const fmt = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1));

export async function benchScoring(): Promise<SectionResult> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const targets: Target[] = [];
  const old = await evaluator110();
  const read = (c: Case) => analyse(c.input.answer);
  const v2 = (c: Case) => evaluateAnswer(c.input);
  for (const [name, cases, rounds] of [
    ['golden answers', bundledCases(), 20],
    ['graded answers', gradedCases(), 3],
  ] as const) {
    if (cases.length === 0) {
      notes.push(`${name}: not found, skipped`);
      continue;
    }
    const floor = time(cases, read, rounds, `${name}: reading the text`);
    const ms2 = time(cases, v2, rounds, `${name}: 2.0.0`);
    const ms1 = old ? time(cases, (c) => old(c.input), rounds, `${name}: 1.1.0`) : undefined;
    rows.push({
      section: 'scoring',
      run: `${name}: reading the text (floor)`,
      count: cases.length,
      p50: floor,
    });
    rows.push({ section: 'scoring', run: `${name}: built-in 2.0.0`, count: cases.length, p50: ms2 });
    if (ms1 !== undefined)
      rows.push({ section: 'scoring', run: `${name}: built-in 1.1.0`, count: cases.length, p50: ms1 });
    notes.push(
      `${name} (${cases.length}): 2.0.0 ${fmt(ms2)} ms per answer` +
        (ms1 !== undefined ? `, 1.1.0 ${fmt(ms1)} ms (${(ms2 / ms1).toFixed(1)}x)` : '') +
        `, reading the text ${fmt(floor)} ms (2.0.0 is ${(ms2 / floor).toFixed(1)}x its floor)`,
    );
  }
  let worst = 0;
  for (const c of limitCases()) {
    const ms2 = time([c], v2, 5, `20,000 characters, ${c.name}: 2.0.0`);
    const floor = time([c], read, 5, `20,000 characters, ${c.name}: reading`);
    worst = Math.max(worst, ms2);
    rows.push({ section: 'scoring', run: `20,000 chars, ${c.name}: built-in 2.0.0`, count: 1, p50: ms2 });
    notes.push(`20,000 characters, ${c.name}: 2.0.0 ${fmt(ms2)} ms, reading the text ${fmt(floor)} ms`);
  }
  targets.push({
    label: 'built-in evaluator 2.0.0 on a 20,000-character answer (worst of four shapes)',
    measured: `${fmt(worst)} ms`,
    target: `< ${LIMIT_MS} ms`,
    ok: worst < LIMIT_MS,
  });
  return { rows, targets, notes };
}
