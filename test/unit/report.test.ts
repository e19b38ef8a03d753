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
