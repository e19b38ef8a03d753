import type { Evaluation, EvaluationInput, Evaluator, Level } from '../../src/evaluation/types.ts';
import { scoreFromCriteria } from '../../src/evaluation/types.ts';

/** A small question and rubric, and a fake built-in evaluator, for the LLM evaluator tests. */

export const rubric: EvaluationInput['rubric'] = {
  id: 'caching-rubric',
  competency: 'system-design',
  criteria: [
    {
      id: 'correctness',
      name: 'Correctness',
      weight: 2,
      levels: {
        '1': 'Wrong or no explanation.',
        '2': 'Partly right, with significant errors.',
        '3': 'Right on the main mechanism.',
        '4': 'Right, with trade-offs named.',
        '5': 'Right, trade-offs quantified, failure modes handled.',
      },
    },
    {
      id: 'depth',
      name: 'Depth',
      weight: 1,
      levels: {
        '1': 'No detail.',
        '2': 'Generic detail.',
        '3': 'Concrete detail from experience.',
        '4': 'Concrete detail with measurements.',
        '5': 'Concrete detail, measurements and lessons learnt.',
      },
    },
  ],
};

export const question: EvaluationInput['question'] = {
  id: 'cache-invalidation',
  roles: ['backend-engineer'],
  phase: 'technical',
  competencies: ['system-design'],
  difficulty: 3,
  text: 'How would you keep a cache consistent with its database?',
  expectedPoints: [
    { id: 'ttl', text: 'Uses expiry (TTL) as a safety net.' },
    { id: 'invalidate', text: 'Invalidates or updates the cache on writes.' },
  ],
  followUps: [],
  rubric: 'caching-rubric',
};

export const ANSWER =
  'I would invalidate the cache entry on every write, after the database commit. ' +
  'I also set a TTL of five minutes as a safety net, because invalidation messages can be lost.';

export function evaluationInput(overrides: Partial<EvaluationInput> = {}): EvaluationInput {
  return {
    question,
    rubric,
    answer: ANSWER,
    history: [],
    plugin: { id: 'acme.backend', version: '1.0.0' },
    ...overrides,
  };
}

/**
 * A stand-in for the built-in evaluator (being written separately): fixed levels, and a steering
 * flag when the answer says "ignore previous instructions".
 */
export function fakeBuiltin(level: Level = 2): Evaluator & { calls: number } {
  const fake = {
    name: 'builtin-rubric',
    version: '0.0.0-test',
    calls: 0,
    async evaluate(input: EvaluationInput): Promise<Evaluation> {
      fake.calls += 1;
      const criteria = input.rubric.criteria.map((c) => ({
        criterionId: c.id,
        name: c.name,
        weight: c.weight,
        level,
        rationale: `fixed level ${level}`,
        evidence: [],
      }));
      const steering = /ignore previous instructions/i.test(input.answer);
      return {
        score: scoreFromCriteria(criteria),
        criteria,
        coverage: (input.question.expectedPoints ?? []).map((p) => ({
          pointId: p.id,
          covered: false,
          evidence: null,
        })),
        redFlags: steering
          ? [{ kind: 'steering', detail: 'addresses the grader', evidence: 'ignore previous instructions' }]
          : [],
        signals: { relevance: 0.5, structure: 0.5, depth: 0.5 },
        summary: 'built-in summary',
        evaluator: { name: fake.name, version: fake.version },
        rubricId: input.rubric.id,
        plugin: input.plugin,
      };
    },
  };
  return fake;
}
