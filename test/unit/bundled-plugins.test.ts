import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_PLUGINS_DIR, type Manifest, PHASES, validateManifest } from '../../src/plugins/index.ts';

/** The bundled question banks are product content: each must be valid and complete. */
const dirs = readdirSync(BUNDLED_PLUGINS_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

const load = (dir: string) => {
  const result = validateManifest(readFileSync(path.join(BUNDLED_PLUGINS_DIR, dir, 'plugin.json'), 'utf8'));
  if (!result.ok) throw new Error(`${dir}: ${JSON.stringify(result.problems, null, 1)}`);
  return result.manifest;
};

describe('bundled plugins', () => {
  it('cover at least the five launch roles', () => {
    expect(dirs).toEqual(
      expect.arrayContaining([
        'backend-engineer',
        'frontend-engineer',
        'data-analyst',
        'product-manager',
        'customer-success-manager',
      ]),
    );
  });

  describe.each(dirs)('%s', (dir) => {
    let m: Manifest;
    it('validates, under the built-in publisher, with an id matching its folder', () => {
      m = load(dir);
      expect(m.id).toBe(`ai-interviewer.${dir}`);
      expect(m.publisher).toBe('AI Interviewer');
    });

    it('has at least 30 questions across all five phases and difficulties 1-5', () => {
      expect(m.questions.length).toBeGreaterThanOrEqual(30);
      expect(new Set(m.questions.map((q) => q.phase))).toEqual(new Set(PHASES));
      expect(new Set(m.questions.map((q) => q.difficulty))).toEqual(new Set([1, 2, 3, 4, 5]));
      // no duplicate question texts
      const texts = m.questions.map((q) => q.text.toLowerCase().replace(/\W+/g, ' ').trim());
      expect(new Set(texts).size).toBe(texts.length);
    });

    it('each adaptive phase spans easy to hard questions', () => {
      for (const phase of ['technical', 'behavioral', 'situational'] as const) {
        const levels = new Set(m.questions.filter((q) => q.phase === phase).map((q) => q.difficulty));
        expect(Math.min(...levels), phase).toBeLessThanOrEqual(2);
        expect(Math.max(...levels), phase).toBeGreaterThanOrEqual(4);
      }
    });

    it('has a rubric with weighted, fully anchored criteria for every competency', () => {
      for (const c of m.competencies) {
        const rubric = m.rubrics.find((r) => r.competency === c.id);
        expect(rubric, c.id).toBeDefined();
        for (const criterion of rubric!.criteria) {
          expect(Object.keys(criterion.levels)).toEqual(['1', '2', '3', '4', '5']);
          expect(criterion.weight).toBeGreaterThan(0);
        }
      }
    });

    it('has a reference answer for every question: non-empty, its own, not the question repeated', () => {
      for (const q of m.questions) {
        expect(q.referenceAnswer?.trim(), q.id).toBeTruthy();
        expect(q.referenceAnswer, q.id).not.toBe(q.text);
      }
      const answers = m.questions.map((q) => q.referenceAnswer);
      expect(new Set(answers).size).toBe(answers.length);
    });

    it('has follow-ups where answers can fall short', () => {
      expect(m.questions.filter((q) => q.followUps.length > 0).length).toBeGreaterThanOrEqual(10);
    });

    it('has strong, average and weak golden answers for every rubric, with honest ranges', () => {
      const rubricOf = new Map(m.questions.map((q) => [q.id, q.rubric]));
      for (const rubric of m.rubrics) {
        const golden = m.goldenAnswers.filter((g) => rubricOf.get(g.questionId) === rubric.id);
        expect(golden.length, rubric.id).toBeGreaterThanOrEqual(3);
        expect(new Set(golden.map((g) => g.label)), rubric.id).toEqual(
          new Set(['strong', 'average', 'weak']),
        );
      }
      for (const g of m.goldenAnswers) {
        if (g.label === 'strong') expect(g.expected.min).toBeGreaterThanOrEqual(50);
        if (g.label === 'weak') expect(g.expected.max).toBeLessThanOrEqual(50);
      }
    });
  });
});
