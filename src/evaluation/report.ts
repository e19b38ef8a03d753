import type { RecommendationThresholds } from '../db/index.ts';
import type { Manifest } from '../plugins/index.ts';
import type { Evaluation, RedFlag } from './types.ts';

/**
 * The report: a pure function of the stored rows (turns, answers, evaluations, overrides) and the
 * plugin version the interview used, so the same rows always give the same report and a
 * recruiter can see why every number is what it is.
 */

/** v2: answers that could not be judged are listed under `review`, and make the report `provisional`. */
export const REPORT_VERSION = 'report.v2';

export const DEFAULT_THRESHOLDS: RecommendationThresholds = { strongHire: 80, hire: 65, leanNo: 45 };

export type Recommendation = 'strong_hire' | 'hire' | 'lean_no' | 'no_hire';

export interface ReportTurn {
  turn: number;
  kind: 'question' | 'follow_up';
  phase: string;
  questionId: string;
  prompt: string;
  answer: string | null;
  evaluation: Evaluation | null;
}

export interface OverrideInput {
  competency: string | null;
  score: number;
  originalScore: number;
  reason: string;
  by: string;
  at: string;
}

export interface Evidence {
  turn: number;
  quote: string;
}

export interface CompetencyResult {
  id: string;
  name: string;
  /** the evaluated score, never changed by overrides */
  score: number;
  /** the latest recruiter override, when there is one */
  override: { score: number; reason: string; by: string; at: string } | null;
  /** override ?? score: what the recommendation uses */
  effectiveScore: number;
  turns: number[];
}

export interface Report {
  version: string;
  interviewId: string;
  plugin: { id: string; version: string; sha256: string };
  role: { id: string; title: string };
  /** the position interviewed for and the design version run, when there is one */
  position: { id: string; title: string; designVersion: number } | null;
  /**
   * The candidate asked for a human review or another way to be assessed: while `open`, a person
   * must look before this report is acted on
   */
  humanReview: {
    status: 'open' | 'resolved';
    requestedAt: string;
    resolvedAt: string | null;
    resolutionNote: string | null;
  } | null;
  status: string;
  overall: { score: number; override: CompetencyResult['override']; effectiveScore: number };
  recommendation: Recommendation;
  /** the recommendation from evaluated scores alone, before overrides */
  evaluatedRecommendation: Recommendation;
  thresholds: RecommendationThresholds;
  competencies: CompetencyResult[];
  strengths: { competency: string; summary: string; evidence: Evidence[] }[];
  concerns: { competency: string; summary: string; evidence: Evidence[]; missing: string[] }[];
  redFlags: (RedFlag & { turn: number })[];
  /** answers the evaluator could not judge: left out of every score, for a person to review */
  review: { turn: number; questionId: string; reason: string }[];
  /**
   * true while `review` lists an answer: the scores and the recommendation rest on the answers
   * that could be judged, and may change once a person has read the others
   */
  provisional: boolean;
  coverage: {
    competenciesAssessed: number;
    competenciesInRole: number;
    expectedPointsCovered: number;
    expectedPointsAsked: number;
  };
  evaluators: string[];
  /**
   * metadata: what the interview's model calls cost (tokens as the provider reported them);
   * null when no model was called (the built-in engines)
   */
  llmUsage: { calls: number; promptTokens: number; cachedTokens: number; completionTokens: number } | null;
  transcript: {
    turn: number;
    kind: string;
    phase: string;
    question: string;
    answer: string | null;
    /** null when not evaluated, or when the answer could not be judged (see `review`) */
    score: number | null;
  }[];
}

export function recommend(score: number, t: RecommendationThresholds): Recommendation {
  if (score >= t.strongHire) return 'strong_hire';
  if (score >= t.hire) return 'hire';
  if (score >= t.leanNo) return 'lean_no';
  return 'no_hire';
}

const RANK: Recommendation[] = ['no_hire', 'lean_no', 'hire', 'strong_hire'];
/** Serious red flags cap the recommendation at lean_no, whatever the scores. */
const CAPPING_FLAGS = new Set(['steering', 'contradiction']);

const mean = (xs: number[]) => (xs.length ? Math.round(xs.reduce((s, x) => s + x, 0) / xs.length) : 0);

export function buildReport(input: {
  interview: {
    id: string;
    status: string;
    roleId: string;
    roleTitle: string;
    pluginId: string;
    pluginVersion: string;
    pluginSha256: string;
  };
  manifest: Manifest;
  turns: ReportTurn[];
  overrides: OverrideInput[];
  /** the tenant's; a bank's (a position's design) take precedence */
  thresholds: RecommendationThresholds | null;
  position?: Report['position'] | undefined;
  humanReview?: Report['humanReview'] | undefined;
  llmUsage?: Report['llmUsage'] | undefined;
}): Report {
  const { interview, manifest } = input;
  const thresholds = manifest.interview?.thresholds ?? input.thresholds ?? DEFAULT_THRESHOLDS;
  const questions = new Map(manifest.questions.map((q) => [q.id, q]));
  const rubricCompetency = new Map(manifest.rubrics.map((r) => [r.id, r.competency]));
  // An answer that could not be judged counts for nothing: no score, no flag, no coverage.
  const evaluated = input.turns.filter((t) => t.evaluation && !t.evaluation.unscorable);
  const review = input.turns.flatMap((t) =>
    t.evaluation?.unscorable
      ? [{ turn: t.turn, questionId: t.questionId, reason: t.evaluation.unscorable.reason }]
      : [],
  );

  // Each evaluation counts for the competency its rubric scores (follow-ups share the rubric).
  const byCompetency = new Map<string, ReportTurn[]>();
  for (const t of evaluated) {
    const c = rubricCompetency.get(t.evaluation!.rubricId) ?? questions.get(t.questionId)?.competencies[0];
    if (!c) continue;
    byCompetency.set(c, [...(byCompetency.get(c) ?? []), t]);
  }
  const latestOverride = (competency: string | null) =>
    input.overrides.filter((o) => o.competency === competency).at(-1) ?? null;
  const overrideView = (o: OverrideInput | null) =>
    o ? { score: o.score, reason: o.reason, by: o.by, at: o.at } : null;

  const competencies: CompetencyResult[] = manifest.competencies
    .filter((c) => byCompetency.has(c.id))
    .map((c) => {
      const turns = byCompetency.get(c.id)!;
      const score = mean(turns.map((t) => t.evaluation!.score));
      const override = overrideView(latestOverride(c.id));
      return {
        id: c.id,
        name: c.name,
        score,
        override,
        effectiveScore: override?.score ?? score,
        turns: turns.map((t) => t.turn),
      };
    });

  const overallScore = mean(competencies.map((c) => c.score));
  const overallOverride = overrideView(latestOverride(null));
  const effectiveOverall = overallOverride?.score ?? mean(competencies.map((c) => c.effectiveScore));

  // an unjudged answer's only red flag that counts is text addressed to the grader
  const redFlags = input.turns.flatMap((t) =>
    (t.evaluation?.unscorable
      ? t.evaluation.redFlags.filter((f) => f.kind === 'steering')
      : (t.evaluation?.redFlags ?? [])
    ).map((f) => ({ ...f, turn: t.turn })),
  );
  const cap = (r: Recommendation) =>
    redFlags.some((f) => CAPPING_FLAGS.has(f.kind)) && RANK.indexOf(r) > RANK.indexOf('lean_no')
      ? 'lean_no'
      : r;

  // Quotes of the criteria at the strong (or weak) end; one sentence cited by two criteria once.
  const evidenceOf = (turns: ReportTurn[], strong: boolean): Evidence[] => {
    const seen = new Set<string>();
    return turns
      .flatMap((t) =>
        t
          .evaluation!.criteria.filter((c) => (strong ? c.level >= 4 : c.level <= 2))
          .flatMap((c) => c.evidence.map((quote) => ({ turn: t.turn, quote }))),
      )
      .filter((e) => {
        const key = `${e.turn}\u0000${e.quote}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .slice(0, 3);
  };
  // Strengths and concerns follow the score the recommendation uses: a recruiter's override
  // moves a competency between them, and its summary says so (the evidence stays the evaluator's).
  const summaryOf = (c: CompetencyResult) =>
    `${c.name}: ${c.effectiveScore}/100 across ${c.turns.length} answer(s)` +
    (c.override ? ` (overridden from ${c.score}: ${c.override.reason})` : '');

  const strengths = competencies
    .filter((c) => c.effectiveScore >= 70)
    .map((c) => ({
      competency: c.id,
      summary: summaryOf(c),
      evidence: evidenceOf(byCompetency.get(c.id)!, true),
    }));
  const concerns = competencies
    .filter((c) => c.effectiveScore < 50)
    .map((c) => {
      const turns = byCompetency.get(c.id)!;
      const missing = turns.flatMap((t) => {
        const q = questions.get(t.questionId);
        return t
          .evaluation!.coverage.filter((p) => !p.covered)
          .map((p) => q?.expectedPoints.find((e) => e.id === p.pointId)?.text ?? p.pointId);
      });
      return {
        competency: c.id,
        summary: summaryOf(c),
        evidence: evidenceOf(turns, false),
        missing: [...new Set(missing)].slice(0, 5),
      };
    });

  const coverage = evaluated.flatMap((t) => t.evaluation!.coverage);
  const roleCompetencies = new Set(
    manifest.questions.filter((q) => q.roles.includes(interview.roleId)).flatMap((q) => q.competencies),
  );

  return {
    version: REPORT_VERSION,
    interviewId: interview.id,
    plugin: { id: interview.pluginId, version: interview.pluginVersion, sha256: interview.pluginSha256 },
    position: input.position ?? null,
    humanReview: input.humanReview ?? null,
    role: { id: interview.roleId, title: interview.roleTitle },
    status: interview.status,
    overall: { score: overallScore, override: overallOverride, effectiveScore: effectiveOverall },
    recommendation: cap(recommend(effectiveOverall, thresholds)),
    evaluatedRecommendation: cap(recommend(overallScore, thresholds)),
    thresholds,
    competencies,
    strengths,
    concerns,
    redFlags,
    review,
    provisional: review.length > 0,
    coverage: {
      competenciesAssessed: competencies.length,
      competenciesInRole: roleCompetencies.size,
      expectedPointsCovered: coverage.filter((p) => p.covered).length,
      expectedPointsAsked: coverage.length,
    },
    evaluators: [
      ...new Set(
        input.turns
          .filter((t) => t.evaluation)
          .map((t) => `${t.evaluation!.evaluator.name}@${t.evaluation!.evaluator.version}`),
      ),
    ],
    llmUsage: input.llmUsage ?? null,
    transcript: input.turns.map((t) => ({
      turn: t.turn,
      kind: t.kind,
      phase: t.phase,
      question: t.prompt,
      answer: t.answer,
      score: t.evaluation && !t.evaluation.unscorable ? t.evaluation.score : null,
    })),
  };
}
