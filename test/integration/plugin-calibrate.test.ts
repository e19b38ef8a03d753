import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  agreementOf,
  bias,
  gradeTo100,
  gradeToGrid,
  meanAbsoluteError,
  pearson,
  quadraticWeightedKappa,
  scoreToGrid,
  spearman,
} from '../../src/evaluation/index.ts';
import { type CapturedRequest, type StandIn, startStandIn } from '../helpers/openai-stand-in.ts';

/**
 * `ai-interviewer plugin calibrate` end to end, as a CLI process: a small bank and a graded
 * fixture written here, the built-in evaluator (structure and consistency only: it is being
 * rewritten, so no score of it is asserted) and the LLM evaluator against a local stand-in of the
 * OpenAI API that grades deterministically.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const exec = promisify(execFile);
let workDir: string;
let pluginDir: string;
let gradedFile: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const BASE_ENV = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? tmpdir() };

const cli = (args: string[], env: Record<string, string> = {}): Promise<Run> =>
  exec('node', [path.join(ROOT, 'apps/cli/bin.js'), 'plugin', 'calibrate', ...args], {
    cwd: ROOT,
    env: { ...BASE_ENV, ...env },
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );

const REFERENCE = {
  cache:
    'Invalidate or update the cache entry on every write, after the database commit, and keep a short ' +
    'TTL as a safety net for lost invalidations.',
  index:
    'An index is a sorted structure, usually a B-tree, that lets the database find rows without scanning ' +
    'the whole table; it speeds up reads and slows down writes.',
};

const MANIFEST = {
  id: 'test.calibration-bank',
  version: '1.0.0',
  name: 'Calibration test bank',
  description: 'A small bank written by the calibrate tests.',
  publisher: 'Tests',
  license: 'CC-BY-4.0',
  locale: 'en',
  roles: [{ id: 'backend', title: 'Backend Engineer', description: 'Builds services.' }],
  competencies: [{ id: 'databases', name: 'Databases', description: 'Knows how data is stored and read.' }],
  rubrics: [
    {
      id: 'db-rubric',
      competency: 'databases',
      criteria: [
        {
          id: 'accuracy',
          name: 'Accuracy',
          weight: 2,
          levels: {
            '1': 'Wrong or no explanation.',
            '2': 'Partly right, with a significant error.',
            '3': 'Right on the main mechanism.',
            '4': 'Right, with the trade-offs named.',
            '5': 'Right, trade-offs and failure modes handled.',
          },
        },
        {
          id: 'completeness',
          name: 'Completeness',
          weight: 1,
          levels: {
            '1': 'Covers none of the expected points.',
            '2': 'Covers a few of them.',
            '3': 'Covers about half of them.',
            '4': 'Covers most of them.',
            '5': 'Covers all of them.',
          },
        },
      ],
    },
  ],
  questions: [
    {
      id: 'cache',
      roles: ['backend'],
      phase: 'technical',
      competencies: ['databases'],
      difficulty: 3,
      text: 'How would you keep a cache consistent with its database?',
      referenceAnswer: REFERENCE.cache,
      expectedPoints: [
        { id: 'invalidate', text: 'Invalidates or updates the cache on writes.', keywords: ['invalidate'] },
        { id: 'ttl', text: 'Uses expiry (TTL) as a safety net.', keywords: ['ttl', 'expiry'] },
      ],
      rubric: 'db-rubric',
    },
    {
      id: 'index',
      roles: ['backend'],
      phase: 'technical',
      competencies: ['databases'],
      difficulty: 2,
      text: 'What is a database index and what does it cost?',
      referenceAnswer: REFERENCE.index,
      expectedPoints: [
        { id: 'lookup', text: 'Finds rows without a full table scan.', keywords: ['scan', 'lookup'] },
        { id: 'cost', text: 'Slows down writes and takes space.', keywords: ['writes', 'space'] },
      ],
      rubric: 'db-rubric',
    },
  ],
};

/** The graded fixture; `level` is what the LLM stand-in gives every criterion of that answer. */
const GRADED = [
  {
    id: 'c1',
    questionId: 'cache',
    score: 5,
    level: 5,
    answer:
      'I invalidate the cache entry on every write, right after the database commit, and I set a TTL of ' +
      'five minutes as a safety net because invalidation messages can get lost.',
  },
  {
    id: 'c2',
    questionId: 'cache',
    score: 4,
    level: 4,
    answer: 'Delete the cached key whenever the row changes, and let entries expire after a while anyway.',
  },
  {
    id: 'c3',
    questionId: 'cache',
    score: 2.5,
    level: 3,
    answer: 'I would give every entry an expiry time so stale data eventually disappears.',
  },
  {
    id: 'c4',
    questionId: 'cache',
    score: 1,
    level: 2,
    answer: 'Caches are fast memory, so you should use them for everything. <script>alert(1)</script>',
  },
  { id: 'c5', questionId: 'cache', score: 0, level: 1, answer: "I don't know." },
  {
    id: 'i1',
    questionId: 'index',
    score: 5,
    level: 4,
    answer:
      'An index is a B-tree kept in key order, so a lookup walks a few pages instead of scanning the table; ' +
      'every insert or update has to maintain it, so writes get slower and it takes disk space.',
  },
  {
    id: 'i2',
    questionId: 'index',
    score: 3.5,
    level: 4,
    answer: 'It makes reads faster because the database does not scan every row, but writes become slower.',
  },
  {
    id: 'i3',
    questionId: 'index',
    score: 2,
    level: 2,
    answer: 'An index is like the index of a book. It makes queries faster.',
  },
  { id: 'i4', questionId: 'index', score: 0.5, level: 1, answer: 'Something about tables, I think.' },
];

const jsonl = (rows: object[]) => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;

async function writeFixture(name: string, text: string): Promise<string> {
  const file = path.join(workDir, name);
  await writeFile(file, text);
  return file;
}

// biome-ignore lint/suspicious/noExplicitAny: the --json document is inspected loosely
type CalibrationJson = Record<string, any>;

function parseJsonRun(r: Run): CalibrationJson {
  expect(r.code, r.stderr).toBe(0);
  // exactly one JSON object on stdout, nothing else
  expect(r.stdout.trim().split('\n')).toHaveLength(1);
  const doc = JSON.parse(r.stdout);
  expect(doc).toBeTypeOf('object');
  expect(Array.isArray(doc)).toBe(false);
  return doc;
}

/** The figures in the JSON are what the agreement functions compute from its own items. */
function expectConsistent(doc: CalibrationJson, scale = { min: 0, max: 5 }) {
  const judged = doc.items.filter((i: { unscorable: boolean }) => !i.unscorable);
  const human = judged.map((i: { human: number }) => i.human);
  const score = judged.map((i: { score: number }) => i.score);
  const human100 = human.map((h: number) => gradeTo100(scale, h));
  const close = (actual: number | null, expected: number | null) => {
    if (expected === null) expect(actual).toBeNull();
    else expect(actual).toBeCloseTo(expected, 9);
  };
  close(doc.pearson, pearson(human, score));
  close(doc.spearman, spearman(human, score));
  close(
    doc.qwk,
    quadraticWeightedKappa(
      human.map((h: number) => gradeToGrid(scale, h)),
      score.map((s: number) => scoreToGrid(scale, s)),
      scale.min,
      scale.max,
    ),
  );
  close(doc.mae, meanAbsoluteError(human100, score));
  close(doc.bias, bias(human100, score));
  expect(doc.unscorable).toBe(doc.items.length - judged.length);
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'aii-calibrate-'));
  pluginDir = path.join(workDir, 'bank');
  await exec('mkdir', ['-p', pluginDir]);
  await writeFile(path.join(pluginDir, 'plugin.json'), JSON.stringify(MANIFEST, null, 2));
  gradedFile = await writeFixture(
    'graded.jsonl',
    jsonl(GRADED.map(({ level: _, ...row }) => ({ ...row, graders: [row.score, row.score] }))),
  );
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

// Every test spawns CLI processes: seconds each, much more on a busy CI machine.
describe('ai-interviewer plugin calibrate (built-in evaluator)', { timeout: 120_000 }, () => {
  let doc: CalibrationJson;

  beforeAll(async () => {
    doc = parseJsonRun(await cli([pluginDir, '--graded', gradedFile, '--json']));
  }, 120_000);

  it('--json: one object with the evaluator, n, the figures and an item per graded line', () => {
    expect(doc.evaluator.name).toBe('builtin-rubric');
    expect(doc.evaluator.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(doc.n).toBe(GRADED.length);
    expect(doc.items).toHaveLength(GRADED.length);
    expect(doc.items.map((i: { id: string }) => i.id)).toEqual(GRADED.map((g) => g.id));
    for (const [k, item] of doc.items.entries()) {
      expect(item.questionId).toBe(GRADED[k]!.questionId);
      expect(item.human).toBe(GRADED[k]!.score); // as given
      expect(item.score).toBeTypeOf('number');
      expect(item.score).toBeGreaterThanOrEqual(0);
      expect(item.score).toBeLessThanOrEqual(100);
      expect(item.unscorable).toBeTypeOf('boolean');
    }
    for (const key of ['pearson', 'spearman', 'qwk']) {
      if (doc[key] !== null) {
        expect(doc[key]).toBeGreaterThanOrEqual(-1);
        expect(doc[key]).toBeLessThanOrEqual(1);
      }
    }
    if (doc.mae !== null) {
      expect(doc.mae).toBeGreaterThanOrEqual(0);
      expect(doc.mae).toBeLessThanOrEqual(100);
    }
    if (doc.bias !== null) expect(Math.abs(doc.bias)).toBeLessThanOrEqual(100);
    expect(doc.scale).toEqual({ min: 0, max: 5 });
    expect(doc.fallbacks).toBe(0);
  });

  it('--json: the figures are what the agreement functions compute from the items', () => {
    expectConsistent(doc);
    const judged = doc.items.filter((i: { unscorable: boolean }) => !i.unscorable);
    expect(doc.calibration.reduce((n: number, row: { n: number }) => n + row.n, 0)).toBe(judged.length);
    expect(doc.questions.map((q: { questionId: string }) => q.questionId)).toEqual(
      ['cache', 'index'].filter((q) => judged.some((i: { questionId: string }) => i.questionId === q)),
    );
    expect(doc.disagreements.length).toBe(Math.min(10, judged.length));
  });

  it('prints the figures, the calibration table, per-question agreement and the disagreements', async () => {
    const r = await cli([pluginDir, '--graded', gradedFile]);
    expect(r.code, r.stderr).toBe(0);
    for (const text of [
      `against ${GRADED.length} human-graded answer(s) (scale 0..5)`,
      `Evaluator: builtin-rubric ${doc.evaluator.version}`,
      'Pearson r',
      'Spearman r',
      'Quadratic weighted kappa',
      'Mean absolute error',
      'Bias',
      'Calibration: human grade -> mean score',
      'Per question',
      'Largest disagreements',
      'rationale:',
    ]) {
      expect(r.stdout).toContain(text);
    }
    expect(r.stdout).toMatch(/^\s+cache\s+\d+\s/m);
    expect(r.stdout).toMatch(/^\s+2\.5\s+1\s+50\.0\s/m); // one answer graded 2.5: expected 50 on 0-100
  });

  it('--min-r: exit 1 above the r reached, exit 0 at or below it', async () => {
    const r = doc.pearson as number | null;
    expect(r, 'the fixture must give a computable r').not.toBeNull();
    const [above, below] = await Promise.all([
      r! < 1 ? cli([pluginDir, '--graded', gradedFile, '--min-r', String(Math.min(1, r! + 0.01))]) : null,
      cli([pluginDir, '--graded', gradedFile, '--min-r', String(Math.max(-1, r! - 0.01)), '--json']),
    ]);
    if (above) {
      expect(above.code, above.stdout + above.stderr).toBe(1);
      expect(above.stderr).toContain('is below --min-r');
    }
    expect(below.code, below.stderr).toBe(0);
    expect(JSON.parse(below.stdout).pearson).toBeCloseTo(r!, 12); // still only JSON on stdout
  });

  it('--html: a self-contained page with an SVG point per item and the answers escaped', async () => {
    const file = path.join(workDir, 'report.html');
    const r = await cli([pluginDir, '--graded', gradedFile, '--html', file]);
    expect(r.code, r.stderr).toBe(0);
    const html = await readFile(file, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<svg');
    expect(html.match(/<circle class="point/g)).toHaveLength(GRADED.length);
    for (const g of GRADED) expect(html).toContain(`data-id="${g.id}"`);
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/<link|src="http/);
    // jitter comes from the ids: a second run draws the same page
    const again = path.join(workDir, 'report-again.html');
    expect((await cli([pluginDir, '--graded', gradedFile, '--html', again])).code).toBe(0);
    expect(await readFile(again, 'utf8')).toBe(html);
  });

  it('--scale: grades on another scale', async () => {
    const tenths = await writeFixture(
      'tenths.jsonl',
      jsonl(GRADED.map(({ level: _, ...row }) => ({ ...row, score: row.score * 2 }))),
    );
    const off = await cli([pluginDir, '--graded', tenths]);
    expect(off.code).toBe(2);
    expect(off.stderr).toMatch(/line 1: score 10 is outside the scale 0\.\.5/);
    const on = parseJsonRun(await cli([pluginDir, '--graded', tenths, '--scale', '0..10', '--json']));
    expect(on.scale).toEqual({ min: 0, max: 10 });
    expectConsistent(on, { min: 0, max: 10 });
    if (doc.pearson !== null) expect(on.pearson).toBeCloseTo(doc.pearson, 9); // same answers, same r
  });
});

describe('ai-interviewer plugin calibrate: bad input exits 2 with a clear message', {
  timeout: 120_000,
}, () => {
  it('names the line of a bad graded line, and refuses a bad plugin or option', async () => {
    const good = jsonl(GRADED.slice(0, 2).map(({ level: _, ...row }) => row));
    const badPlugin = path.join(workDir, 'bad-bank');
    await exec('mkdir', ['-p', badPlugin]);
    await writeFile(
      path.join(badPlugin, 'plugin.json'),
      JSON.stringify({
        ...MANIFEST,
        questions: [{ ...MANIFEST.questions[0], rubric: 'no-such-rubric' }, MANIFEST.questions[1]],
      }),
    );
    const cases: { args: string[]; message: string }[] = [
      {
        args: ['--graded', await writeFixture('not-json.jsonl', `${good}{"id": "x",\n`)],
        message: 'line 3: not JSON',
      },
      {
        args: [
          '--graded',
          await writeFixture(
            'missing.jsonl',
            `${good}\n${JSON.stringify({ id: 'm', questionId: 'cache', score: 3 })}\n`,
          ),
        ],
        message: 'line 4: missing "answer"',
      },
      {
        args: [
          '--graded',
          await writeFixture(
            'types.jsonl',
            `${JSON.stringify({ id: 't', questionId: 'cache', answer: 'x', score: '3' })}\n${good}`,
          ),
        ],
        message: 'line 1: "score" must be a number',
      },
      {
        args: [
          '--graded',
          await writeFixture(
            'unknown-question.jsonl',
            `${good}${JSON.stringify({ id: 'u', questionId: 'nope', answer: 'x', score: 3 })}\n`,
          ),
        ],
        message: 'line 3: unknown questionId "nope"',
      },
      {
        args: [
          '--graded',
          await writeFixture(
            'off-scale.jsonl',
            `${good}${JSON.stringify({ id: 'o', questionId: 'cache', answer: 'x', score: 7 })}\n`,
          ),
        ],
        message: 'line 3: score 7 is outside the scale 0..5',
      },
      { args: ['--graded', path.join(workDir, 'absent.jsonl')], message: 'no graded file at' },
      { args: [], message: '--graded FILE is required' },
      { args: ['--graded', gradedFile, '--scale', '5..0'], message: '--scale "5..0"' },
      { args: ['--graded', gradedFile, '--scale', 'zero..five'], message: '--scale "zero..five"' },
      { args: ['--graded', gradedFile, '--min-r', 'high'], message: '--min-r "high"' },
      { args: ['--graded', gradedFile, '--min-r', '1.5'], message: '--min-r "1.5"' },
      { args: ['--graded', gradedFile, '--evaluator', 'magic'], message: '--evaluator "magic"' },
      { args: ['--graded', gradedFile, '--evaluator', 'llm'], message: 'needs OPENAI_API_KEY' },
      { args: ['--graded', gradedFile, '--frobnicate'], message: 'unknown option --frobnicate' },
      {
        args: ['--graded', gradedFile, '--html', path.join(workDir, 'no-such-dir', 'report.html')],
        message: '--html: cannot write',
      },
    ];
    // three processes at a time: more only makes them fight over the CPU
    const argLists = [
      ...cases.map((c) => [pluginDir, ...c.args]),
      [badPlugin, '--graded', gradedFile],
      [path.join(workDir, 'no-bank'), '--graded', gradedFile],
    ];
    const runs: Run[] = [];
    for (let k = 0; k < argLists.length; k += 3) {
      runs.push(...(await Promise.all(argLists.slice(k, k + 3).map((args) => cli(args)))));
    }
    cases.forEach((c, k) => {
      const r = runs[k]!;
      expect(r.code, `${c.args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(c.message);
      expect(r.stdout).toBe('');
    });
    const invalid = runs[cases.length]!;
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('invalid plugin');
    expect(invalid.stderr).toContain('/questions/0/rubric: unknown rubric "no-such-rubric"');
    const absent = runs[cases.length + 1]!;
    expect(absent.code).toBe(2);
    expect(absent.stderr).toContain('no plugin.json at');
  });

  it('--help prints the help', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ai-interviewer plugin calibrate <dir|file> --graded <file.jsonl>');
    expect(r.stdout).toContain('--min-r');
  });
});

describe('ai-interviewer plugin calibrate --evaluator llm (OpenAI stand-in)', { timeout: 120_000 }, () => {
  const MODEL = 'gpt-stand-in';
  const FAILING = 'This answer makes the stand-in fail with HTTP 400.';
  let api: StandIn;
  const levelOf = new Map(GRADED.map((g) => [g.answer, g.level]));

  /** The candidate's answer as the request carries it (inside its delimiters). */
  const answerIn = (req: CapturedRequest) => {
    const last = req.body.messages.at(-1).content as string;
    return last.replace(/^<candidate_answer>\n/, '').replace(/\n<\/candidate_answer>$/, '');
  };

  beforeAll(async () => {
    api = await startStandIn();
  });
  afterAll(async () => {
    await api.close();
  });
  beforeEach(() => {
    api.requests.length = 0;
    // grades every criterion at the level the fixture names for the answer
    api.reply((req) => {
      const level = levelOf.get(answerIn(req));
      if (level === undefined) return { status: 400 };
      return {
        content: JSON.stringify({
          redFlags: [],
          coverage: [],
          criteria: MANIFEST.rubrics[0]!.criteria.map((c) => ({
            criterionId: c.id,
            evidence: [],
            rationale: `stand-in level ${level}`,
            level,
          })),
          summary: `stand-in graded level ${level}`,
        }),
      };
    });
  });

  const llmEnv = () => ({
    OPENAI_API_KEY: 'sk-test-stand-in',
    OPENAI_BASE_URL: api.baseURL,
    OPENAI_MODEL: MODEL,
    OPENAI_MAX_RETRIES: '0',
    OPENAI_TIMEOUT_MS: '10000',
  });

  it('reports the LLM evaluator and the statistics of the stand-in grades; the reference answer went as data', async () => {
    const doc = parseJsonRun(
      await cli([pluginDir, '--graded', gradedFile, '--evaluator', 'llm', '--json'], llmEnv()),
    );
    expect(doc.evaluator).toEqual({ name: 'llm-rubric', version: `1.1.0+${MODEL}+evaluate-answer.v2` });
    expect(doc.fallbacks).toBe(0);
    expect(doc.n).toBe(GRADED.length);

    // every criterion at level L scores L * 20 (L of 5, as people grade), whatever the weights
    const expected = GRADED.map((g) => ({ human: g.score, score: g.level * 20, unscorable: null }));
    expect(doc.items.map((i: { score: number }) => i.score)).toEqual(expected.map((e) => e.score));
    const figures = agreementOf(expected, { min: 0, max: 5 });
    for (const key of ['pearson', 'spearman', 'qwk', 'mae', 'bias'] as const) {
      expect(doc[key], key).toBeCloseTo(figures[key]!, 9);
    }
    expectConsistent(doc);
    // a hand check of two figures: scores 100 80 60 40 20 80 80 40 20 against 100 80 50 20 0 100 70 40 10
    expect(doc.mae).toBeCloseTo((0 + 0 + 10 + 20 + 20 + 20 + 10 + 0 + 10) / 9, 9);
    expect(doc.bias).toBeCloseTo((520 - 470) / 9, 9);

    expect(api.requests).toHaveLength(GRADED.length);
    for (const req of api.requests) {
      const [system, reference] = req.body.messages;
      const question = MANIFEST.questions.find((q) => system.content.includes(q.text))!;
      expect(reference.role).toBe('user');
      expect(reference.content).toBe(`<reference_answer>\n${question.referenceAnswer}\n</reference_answer>`);
      expect(system.content).not.toContain(question.referenceAnswer);
    }
  });

  it('counts and prints the answers the LLM evaluator scored through its fallback', async () => {
    const withFailure = await writeFixture(
      'with-failure.jsonl',
      `${jsonl(GRADED.map(({ level: _, ...row }) => row))}${JSON.stringify({ id: 'f1', questionId: 'index', answer: FAILING, score: 3 })}\n`,
    );
    const [text, json] = await Promise.all([
      cli([pluginDir, '--graded', withFailure, '--evaluator', 'llm'], llmEnv()),
      cli([pluginDir, '--graded', withFailure, '--evaluator', 'llm', '--json'], llmEnv()),
    ]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`Evaluator: llm-rubric 1.1.0+${MODEL}+evaluate-answer.v2`);
    expect(text.stdout).toContain('Fallbacks: 1 answer(s) scored by the fallback evaluator (http_400 1)');
    const doc = parseJsonRun(json);
    expect(doc.fallbacks).toBe(1);
    expect(doc.fallbackReasons).toEqual({ http_400: 1 });
    expect(doc.items.at(-1)).toMatchObject({ id: 'f1', fallback: 'http_400' });
    expect(doc.items.filter((i: { fallback: string | null }) => i.fallback === null)).toHaveLength(
      GRADED.length,
    );
    expectConsistent(doc);
  });
});
