import { z } from 'zod';
import { LlmFailure } from '../ai/index.ts';
import { quoteChecker } from './evidence.ts';
import {
  type CriterionScore,
  type EvaluationInput,
  type Level,
  type PointCoverage,
  RED_FLAG_KINDS,
  type RedFlag,
} from './types.ts';

/**
 * Validation of the model's JSON. Structural problems are a schema mismatch (the caller falls
 * back): every rubric criterion exactly once, integer levels 1-5, no unknown or repeated ids.
 * Content is then cleaned rather than trusted: weights and names come from the rubric, quotes
 * that do not occur in the answer are dropped, and any overall score the model adds is ignored.
 */

const Text = (max: number) => z.string().transform((s) => s.trim().slice(0, max));

const Output = z.object({
  redFlags: z
    .array(z.object({ kind: z.enum(RED_FLAG_KINDS), detail: Text(500), evidence: Text(500).nullable() }))
    .max(20),
  coverage: z.array(z.object({ pointId: z.string(), covered: z.boolean(), evidence: Text(500).nullable() })),
  criteria: z.array(
    z.object({
      criterionId: z.string(),
      evidence: z.array(Text(500)).max(20),
      rationale: Text(1000),
      level: z.int().min(1).max(5),
    }),
  ),
  summary: Text(500),
});

export interface LlmJudgement {
  criteria: CriterionScore[];
  /** only the points the model reported; the caller fills in the rest */
  coverage: PointCoverage[];
  redFlags: RedFlag[];
  summary: string;
}

/** `answerSeen` is the answer text as the model saw it (cut and neutralised). */
export function parseJudgement(raw: unknown, input: EvaluationInput, answerSeen: string): LlmJudgement {
  const parsed = Output.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new LlmFailure('schema_mismatch', `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const out = parsed.data;
  const mismatch = (message: string) => new LlmFailure('schema_mismatch', message);
  const isQuote = quoteChecker(answerSeen);
  const quoteOrNull = (q: string | null) => (q && isQuote(q) ? q : null);

  const byId = new Map(out.criteria.map((c) => [c.criterionId, c]));
  for (const c of out.criteria) {
    if (!input.rubric.criteria.some((r) => r.id === c.criterionId)) {
      throw mismatch(`unknown criterion "${c.criterionId}"`);
    }
  }
  if (byId.size !== out.criteria.length) throw mismatch('a criterion is graded more than once');
  const criteria = input.rubric.criteria.map((r): CriterionScore => {
    const c = byId.get(r.id);
    if (!c) throw mismatch(`criterion "${r.id}" is missing`);
    const level = c.level as Level;
    return {
      criterionId: r.id,
      name: r.name,
      weight: r.weight,
      level,
      rationale: c.rationale || `Matches the level ${level} anchor: ${r.levels[`${level}`]}`,
      evidence: [...new Set(c.evidence.filter(isQuote))],
    };
  });

  const pointIds = new Set((input.question.expectedPoints ?? []).map((p) => p.id));
  const seenPoints = new Set<string>();
  const coverage = out.coverage.map((p): PointCoverage => {
    if (!pointIds.has(p.pointId)) throw mismatch(`unknown expected point "${p.pointId}"`);
    if (seenPoints.has(p.pointId)) throw mismatch(`expected point "${p.pointId}" is listed twice`);
    seenPoints.add(p.pointId);
    return { pointId: p.pointId, covered: p.covered, evidence: p.covered ? quoteOrNull(p.evidence) : null };
  });

  const redFlags = out.redFlags.map(
    (f): RedFlag => ({ kind: f.kind, detail: f.detail || f.kind, evidence: quoteOrNull(f.evidence) }),
  );

  return { criteria, coverage, redFlags, summary: out.summary };
}
