import { describe, expect, it } from 'vitest';
import {
  agreementOf,
  buildCalibrationReport,
  calibrationJson,
  escapeHtml,
  GradedFileError,
  parseGradedFile,
  renderCalibrationHtml,
  renderCalibrationText,
  type ScoredItem,
  sparkBar,
  unitHash,
} from '../../src/evaluation/index.ts';

/** The graded file's checks and the report built from scored items (no evaluator involved). */

const QUESTIONS = new Set(['q1', 'q2']);
const SCALE = { min: 0, max: 5 };

function problemsOf(text: string) {
  try {
    parseGradedFile(text, QUESTIONS, SCALE);
  } catch (err) {
    if (err instanceof GradedFileError) return err;
  }
  throw new Error('expected a GradedFileError');
}

describe('the graded file', () => {
  it('reads one answer a line, skipping empty lines and ignoring other fields', () => {
    const text = [
      '\uFEFF{"id":"a","questionId":"q1","answer":"x","score":4,"graders":[4,4]}',
      '',
      '   ',
      '{"id":"b","questionId":"q2","answer":"","score":2.5}\r',
    ].join('\n');
    expect(parseGradedFile(text, QUESTIONS, SCALE)).toEqual([
      { id: 'a', questionId: 'q1', answer: 'x', human: 4, line: 1 },
      { id: 'b', questionId: 'q2', answer: '', human: 2.5, line: 4 },
    ]);
  });

  it('names the line of every problem', () => {
    const err = problemsOf(
      [
        '{"id":"a","questionId":"q1","answer":"x","score":4}',
        '{not json',
        '[1,2]',
        '{"id":"c","answer":"x","score":4}',
        '{"id":7,"questionId":"q1","answer":"x","score":"4"}',
        '{"id":"e","questionId":"nope","answer":"x","score":4}',
        '{"id":"f","questionId":"q1","answer":"x","score":6}',
        '{"id":"a","questionId":"q1","answer":"y","score":1}',
      ].join('\n'),
    );
    expect(err.total).toBe(7);
    expect(err.problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(err.message).toContain('line 2: not JSON');
    expect(err.message).toContain('line 3: expected a JSON object');
    expect(err.message).toContain('line 4: missing "questionId"');
    expect(err.message).toContain(
      'line 5: "id" must be a string, got a number; "score" must be a number, got a string',
    );
    expect(err.message).toContain('line 6: unknown questionId "nope"');
    expect(err.message).toContain('line 7: score 6 is outside the scale 0..5');
    expect(err.message).toContain('line 8: id "a" was already used on line 1');
  });

  it('lists at most 20 problems and counts the rest', () => {
    const err = problemsOf(Array.from({ length: 25 }, () => 'x').join('\n'));
    expect(err.problems).toHaveLength(20);
    expect(err.total).toBe(25);
    expect(err.message).toContain('… and 5 more');
  });
});

const item = (
  id: string,
  questionId: string,
  human: number,
  score: number,
  extra: Partial<ScoredItem> = {},
) =>
  ({
    id,
    questionId,
    answer: `answer ${id} <b>&</b>`,
    human,
    line: 1,
    score,
    unscorable: null,
    fallback: null,
    summary: `summary ${id}`,
    rationale: `rationale ${id}`,
    ...extra,
  }) satisfies ScoredItem;

const ITEMS: ScoredItem[] = [
  item('a', 'q1', 5, 90),
  item('b', 'q1', 4, 70),
  item('c', 'q1', 1, 40),
  item('d', 'q2', 5, 60),
  item('e', 'q2', 3, 60),
  item('u', 'q2', 0, 0, { unscorable: 'not language' }),
  item('f', 'q2', 4, 100, { fallback: 'timeout' }),
];

describe('the report', () => {
  const report = buildCalibrationReport({
    plugin: { id: 'acme.bank', version: '1.0.0', name: 'Acme <bank>' },
    evaluator: { name: 'fake', version: '0.0.1' },
    scale: SCALE,
    items: ITEMS,
    questionOrder: ['q2', 'q1'],
  });

  it('leaves unscorable answers out of every figure but keeps them in the items', () => {
    const judged = ITEMS.filter((i) => i.unscorable === null);
    expect(report.n).toBe(7);
    expect(report.unscorable).toBe(1);
    expect(report.items).toHaveLength(7);
    expect(agreementOf(ITEMS, SCALE)).toEqual(agreementOf(judged, SCALE));
    // grades on 0-100: 100 80 20 100 60 80, scores 90 70 40 60 60 100
    expect(report.mae).toBeCloseTo((10 + 10 + 20 + 40 + 0 + 20) / 6, 12);
    expect(report.bias).toBeCloseTo((420 - 440) / 6, 12);
    expect(report.meanHuman).toBeCloseTo(440 / 6, 12);
    expect(report.fallbacks).toBe(1);
    expect(report.fallbackReasons).toEqual({ timeout: 1 });
  });

  it('has a calibration row per grade given, questions in the bank order, the largest disagreements first', () => {
    expect(report.calibration).toEqual([
      { human: 1, n: 1, expected: 20, meanScore: 40 },
      { human: 3, n: 1, expected: 60, meanScore: 60 },
      { human: 4, n: 2, expected: 80, meanScore: 85 },
      { human: 5, n: 2, expected: 100, meanScore: 75 },
    ]);
    expect(report.questions.map((q) => [q.questionId, q.n])).toEqual([
      ['q2', 3],
      ['q1', 3],
    ]);
    expect(report.questions[1]!.meanHuman).toBeCloseTo(10 / 3, 12);
    expect(report.questions[1]!.mae).toBeCloseTo(40 / 3, 12);
    expect(report.disagreements.map((d) => [d.id, d.difference])).toEqual([
      ['d', -40],
      ['c', 20],
      ['f', 20],
      ['a', -10],
      ['b', -10],
      ['e', 0],
    ]);
  });

  it('the JSON carries the required fields and one entry per item', () => {
    const json = calibrationJson(report);
    expect(Object.keys(json).slice(0, 7)).toEqual([
      'evaluator',
      'n',
      'pearson',
      'spearman',
      'qwk',
      'mae',
      'bias',
    ]);
    expect(json.items[5]).toEqual({
      id: 'u',
      questionId: 'q2',
      human: 0,
      score: 0,
      unscorable: true,
      unscorableReason: 'not language',
      fallback: null,
    });
    expect(json.unscorable).toBe(1);
  });

  it('degenerate input gives null figures, rendered as –', () => {
    const one = buildCalibrationReport({
      plugin: { id: 'x', version: '1.0.0', name: 'x' },
      evaluator: { name: 'fake', version: '1' },
      scale: SCALE,
      items: [item('a', 'q1', 5, 90)],
    });
    expect([one.pearson, one.spearman, one.qwk]).toEqual([null, null, null]);
    expect(one.mae).toBe(10);
    expect(JSON.parse(JSON.stringify(calibrationJson(one))).pearson).toBeNull();
    expect(renderCalibrationText(one)).toMatch(/Pearson r\s+–/);
  });

  it('renders text with the figures, a spark bar per grade and the disagreements', () => {
    const text = renderCalibrationText(report);
    expect(text).toContain('Evaluator: fake 0.0.1');
    expect(text).toContain('Unscorable: 1');
    expect(text).toContain('Fallbacks: 1 answer(s) scored by the fallback evaluator (timeout 1)');
    expect(text).toMatch(/Quadratic weighted kappa\s+-?\d\.\d{3}/);
    expect(text).toContain(`|${sparkBar(85)}|`);
    expect(text).toContain('1. d (q2): grade 5, score 60, -40.0');
    expect(sparkBar(0)).toBe(' '.repeat(20));
    expect(sparkBar(100)).toBe('█'.repeat(20));
    expect(sparkBar(50, 4)).toBe('██  ');
  });

  it('renders HTML with escaped data, one point per item and deterministic jitter', () => {
    const html = renderCalibrationHtml(report);
    expect(html).toContain('<svg');
    expect(html.match(/<circle class="point/g)).toHaveLength(ITEMS.length);
    expect(html).toContain('answer a &lt;b&gt;&amp;&lt;/b&gt;');
    expect(html).not.toContain('<b>&</b>');
    expect(html).toContain('Acme &lt;bank&gt;');
    expect(renderCalibrationHtml(report)).toBe(html);
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(unitHash('a')).toBe(unitHash('a'));
    expect(unitHash('a')).not.toBe(unitHash('b'));
    expect(unitHash('anything')).toBeGreaterThanOrEqual(0);
    expect(unitHash('anything')).toBeLessThan(1);
  });
});
