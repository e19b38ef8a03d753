import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport, type OverrideInput, type ReportTurn } from '../../src/evaluation/report.ts';
import type { Evaluation, Level } from '../../src/evaluation/types.ts';
import { BUNDLED_PLUGINS_DIR, type Manifest } from '../../src/plugins/index.ts';

const manifest = JSON.parse(
  readFileSync(path.join(BUNDLED_PLUGINS_DIR, 'backend-engineer', 'plugin.json'), 'utf8'),
) as Manifest;

/** A turn on `questionId` whose every criterion sits at `level`, each citing `quotes`. */
function turn(n: number, questionId: string, level: Level, score: number, quotes: string[]): ReportTurn {
  const question = manifest.questions.find((q) => q.id === questionId)!;
  const rubric = manifest.rubrics.find((r) => r.id === question.rubric)!;
  const evaluation: Evaluation = {
    score,
    criteria: rubric.criteria.map((c) => ({
      criterionId: c.id,
      name: c.name,
      weight: c.weight,
      level,
      rationale: 'fixture',
      evidence: quotes,
    })),
    coverage: [],
    redFlags: [],
    signals: { relevance: 0.5, structure: 0.5, depth: 0.5 },
    summary: 'fixture',
    evaluator: { name: 'fixture', version: '1' },
    rubricId: rubric.id,
    plugin: { id: manifest.id, version: manifest.version },
  };
  return {
    turn: n,
    kind: 'question',
    phase: question.phase,
    questionId,
    prompt: question.text,
    answer: 'x',
    evaluation,
  };
}

const report = (turns: ReportTurn[], overrides: OverrideInput[] = []) =>
  buildReport({
    interview: {
      id: '00000000-0000-7000-8000-000000000001',
      status: 'completed',
      roleId: manifest.roles[0]!.id,
      roleTitle: manifest.roles[0]!.title,
      pluginId: manifest.id,
      pluginVersion: manifest.version,
      pluginSha256: 'fixture',
    },
    manifest,
    turns,
    overrides,
    thresholds: null,
  });

// Two questions scored by rubrics of different competencies: one weak, one strong.
const [weakQ, strongQ] = (() => {
  const competencyOf = (qId: string) =>
    manifest.rubrics.find((r) => r.id === manifest.questions.find((q) => q.id === qId)!.rubric)!.competency;
  const first = manifest.questions[0]!;
  const other = manifest.questions.find((q) => competencyOf(q.id) !== competencyOf(first.id))!;
  return [first, other];
})();
const competencyOf = (q: { rubric: string }) => manifest.rubrics.find((r) => r.id === q.rubric)!.competency;

describe('report strengths and concerns', () => {
  it('cite a sentence once, however many criteria quote it', () => {
    const r = report([
      turn(1, weakQ.id, 1, 10, ['We did what we were told.']),
      turn(2, strongQ.id, 5, 95, [
        'I cut p99 latency from 900 ms to 120 ms.',
        'I cut p99 latency from 900 ms to 120 ms.',
      ]),
    ]);
    const concern = r.concerns.find((c) => c.competency === competencyOf(weakQ))!;
    expect(concern.evidence).toEqual([{ turn: 1, quote: 'We did what we were told.' }]);
    const strength = r.strengths.find((c) => c.competency === competencyOf(strongQ))!;
    expect(strength.evidence).toEqual([{ turn: 2, quote: 'I cut p99 latency from 900 ms to 120 ms.' }]);
  });

  it("follow a recruiter's override, and say so", () => {
    const turns = [
      turn(1, weakQ.id, 1, 10, ['We did what we were told.']),
      turn(2, strongQ.id, 5, 95, ['I led it.']),
    ];
    const before = report(turns);
    expect(before.concerns.map((c) => c.competency)).toEqual([competencyOf(weakQ)]);
    expect(before.strengths.map((c) => c.competency)).toEqual([competencyOf(strongQ)]);

    const at = new Date(0).toISOString();
    const after = report(turns, [
      {
        competency: competencyOf(weakQ),
        score: 85,
        originalScore: 10,
        reason: 'Strong in the onsite',
        by: 'a@x.io',
        at,
      },
      {
        competency: competencyOf(strongQ),
        score: 30,
        originalScore: 95,
        reason: 'Reference check',
        by: 'a@x.io',
        at,
      },
    ]);
    expect(after.strengths.map((c) => c.competency)).toEqual([competencyOf(weakQ)]);
    expect(after.concerns.map((c) => c.competency)).toEqual([competencyOf(strongQ)]);
    expect(after.strengths[0]!.summary).toMatch(/85\/100 .*overridden from 10: Strong in the onsite/);
    // the evaluated scores are kept
    expect(after.competencies.find((c) => c.id === competencyOf(weakQ))).toMatchObject({
      score: 10,
      effectiveScore: 85,
    });
  });
});

describe('report: an answer the evaluator could not judge', () => {
  /** `t` as the evaluator returns an unscorable answer: score 0, every point missed, a red flag. */
  const unscorable = (t: ReportTurn, reason: string): ReportTurn => {
    const question = manifest.questions.find((q) => q.id === t.questionId)!;
    return {
      ...t,
      evaluation: {
        ...t.evaluation!,
        score: 0,
        criteria: t.evaluation!.criteria.map((c) => ({ ...c, level: 1, evidence: [] })),
        coverage: question.expectedPoints.map((p) => ({ pointId: p.id, covered: false, evidence: null })),
        redFlags: [{ kind: 'contradiction', detail: 'fixture', evidence: null }],
        unscorable: { reason },
      },
    };
  };
  /** A strong answer covering every expected point of its question. */
  const covered = (t: ReportTurn): ReportTurn => {
    const question = manifest.questions.find((q) => q.id === t.questionId)!;
    return {
      ...t,
      evaluation: {
        ...t.evaluation!,
        coverage: question.expectedPoints.map((p) => ({ pointId: p.id, covered: true, evidence: 'x' })),
      },
    };
  };
  // a second question of the weak question's competency, so its competency keeps a judged answer
  const sameCompetencyQ = manifest.questions.find(
    (q) => q.id !== weakQ.id && competencyOf(q) === competencyOf(weakQ),
  )!;
  const REASON = 'not language: keyboard mash';

  const judged = [
    covered(turn(1, weakQ.id, 3, 60, ['A stack is last in, first out.'])),
    covered(turn(3, strongQ.id, 5, 95, ['I led the migration.'])),
  ];
  const garbled = unscorable(turn(2, sameCompetencyQ.id, 1, 0, []), REASON);
  const withIt = report([judged[0]!, garbled, judged[1]!]);
  const without = report(judged);

  it('is listed for review with its reason, and makes the report provisional', () => {
    expect(withIt.review).toEqual([{ turn: 2, questionId: sameCompetencyQ.id, reason: REASON }]);
    expect(withIt.provisional).toBe(true);
    expect(withIt.version).toBe('report.v2');
  });

  it('is left out of every competency score and the overall', () => {
    expect(withIt.competencies).toEqual(without.competencies);
    expect(withIt.competencies.find((c) => c.id === competencyOf(weakQ))).toMatchObject({
      score: 60,
      turns: [1],
    });
    expect(withIt.overall).toEqual(without.overall);
    expect(withIt.recommendation).toBe(without.recommendation);
    expect(withIt.evaluatedRecommendation).toBe(without.evaluatedRecommendation);
    expect(withIt.strengths).toEqual(without.strengths);
    expect(withIt.concerns).toEqual(without.concerns);
  });

  it('has its red flags and coverage left out', () => {
    expect(withIt.redFlags).toEqual([]);
    // a contradiction flag would cap the recommendation at lean_no if it counted
    expect(withIt.recommendation).toBe('hire');
    expect(withIt.coverage).toEqual(without.coverage);
    expect(withIt.coverage.expectedPointsCovered).toBe(withIt.coverage.expectedPointsAsked);
  });

  it('shows in the transcript with score null, the judged turns with their scores', () => {
    expect(withIt.transcript.map((t) => [t.turn, t.score])).toEqual([
      [1, 60],
      [2, null],
      [3, 95],
    ]);
    expect(withIt.transcript[1]!.answer).toBe('x');
  });

  it('alone for a competency leaves that competency unassessed', () => {
    const r = report([judged[1]!, unscorable(turn(1, weakQ.id, 1, 0, []), REASON)]);
    expect(r.competencies.map((c) => c.id)).toEqual([competencyOf(strongQ)]);
    expect(r.overall.score).toBe(95);
    expect(r.review).toEqual([{ turn: 1, questionId: weakQ.id, reason: REASON }]);
  });

  it('a report with no unscorable turn has an empty review list and is not provisional', () => {
    expect(without.review).toEqual([]);
    expect(without.provisional).toBe(false);
    expect(report([]).review).toEqual([]);
  });
});
