import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateAnswer, firstTurnInput } from '../../src/evaluation/index.ts';
import { BUNDLED_PLUGINS_DIR, type Manifest, validateManifest } from '../../src/plugins/index.ts';

/**
 * Calibration of the built-in evaluator against every golden answer of every bundled plugin:
 * each score inside its expected range, and strong > average > weak for every question.
 * The golden answers and their ranges are product content; the engine is tuned, never them.
 */

const manifests: Manifest[] = readdirSync(BUNDLED_PLUGINS_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort()
  .map((dir) => {
    const result = validateManifest(readFileSync(path.join(BUNDLED_PLUGINS_DIR, dir, 'plugin.json'), 'utf8'));
    if (!result.ok) throw new Error(`${dir}: ${JSON.stringify(result.problems)}`);
    return result.manifest;
  });

function score(m: Manifest, questionId: string, answer: string): number {
  const question = m.questions.find((q) => q.id === questionId)!;
  return evaluateAnswer(firstTurnInput(m, question, answer)).score;
}

const golden = manifests.flatMap((m) =>
  m.goldenAnswers.map((g, i) => ({
    name: `${m.id.replace(/^ai-interviewer\./, '')} › ${g.questionId} › ${g.label ?? `#${i}`}`,
    m,
    g,
  })),
);

const orderings = manifests.flatMap((m) =>
  [...new Set(m.goldenAnswers.map((g) => g.questionId))].map((questionId) => ({
    name: `${m.id.replace(/^ai-interviewer\./, '')} › ${questionId}`,
    m,
    answers: m.goldenAnswers.filter((g) => g.questionId === questionId && g.label),
  })),
);

describe('golden answers score inside their expected range', () => {
  it('covers the five bundled plugins', () => {
    expect(manifests).toHaveLength(5);
    expect(golden.length).toBeGreaterThanOrEqual(100);
  });

  it.each(golden)('$name', ({ m, g }) => {
    const s = score(m, g.questionId, g.answer);
    expect(s, `expected ${g.expected.min}-${g.expected.max}`).toBeGreaterThanOrEqual(g.expected.min);
    expect(s, `expected ${g.expected.min}-${g.expected.max}`).toBeLessThanOrEqual(g.expected.max);
  });
});

describe('strong > average > weak for every question', () => {
  it.each(orderings)('$name', ({ m, answers }) => {
    const by = (label: string) =>
      answers.filter((g) => g.label === label).map((g) => score(m, g.questionId, g.answer));
    const [strong, average, weak] = [by('strong'), by('average'), by('weak')];
    // every strong above every average above every weak (average may be absent)
    const tiers = [strong, average, weak].filter((t) => t.length > 0);
    expect(tiers.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < tiers.length; i++) {
      expect(Math.min(...tiers[i - 1]!), JSON.stringify({ strong, average, weak })).toBeGreaterThan(
        Math.max(...tiers[i]!),
      );
    }
  });
});
