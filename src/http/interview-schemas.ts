import { z } from '@hono/zod-openapi';

/** Response shapes of the interview engine, for the OpenAPI document. */

const Phase = z.enum(['intro', 'technical', 'behavioral', 'situational', 'closing']);

export const StateSchema = z
  .object({
    interviewId: z.uuid(),
    status: z.enum(['in_progress', 'completed', 'ended']),
    role: z.object({ id: z.string(), title: z.string() }),
    plugin: z.object({ id: z.string(), version: z.string() }),
    phase: Phase.nullable(),
    turn: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'the turn awaiting an answer; null when finished' }),
    totalTurns: z.number().int(),
    answered: z.number().int(),
    difficulty: z.number().int().min(1).max(5).nullable().openapi({ description: 'null for candidates' }),
    currentQuestion: z
      .object({
        turn: z.number().int(),
        kind: z.enum(['question', 'follow_up']),
        phase: Phase,
        questionId: z.string(),
        text: z.string(),
        timeLimitSec: z.number().int().nullable(),
      })
      .nullable(),
    lastEvaluated: z.object({ turn: z.number().int(), score: z.number() }).nullable(),
    coverage: z.record(z.string(), z.number().int()).openapi({ description: 'turns asked per competency' }),
  })
  .openapi('InterviewState');

const Quote = z.string();

export const EvaluationSchema = z
  .object({
    turn: z.number().int(),
    score: z.number().int().min(0).max(100),
    criteria: z.array(
      z.object({
        criterionId: z.string(),
        name: z.string(),
        weight: z.number(),
        level: z.number().int().min(1).max(5),
        position: z
          .number()
          .min(1)
          .max(5)
          .optional()
          .describe('the level before rounding; the score is computed from it when present'),
        rationale: z.string(),
        evidence: z.array(Quote),
      }),
    ),
    coverage: z.array(z.object({ pointId: z.string(), covered: z.boolean(), evidence: Quote.nullable() })),
    redFlags: z.array(z.object({ kind: z.string(), detail: z.string(), evidence: Quote.nullable() })),
    signals: z.object({ relevance: z.number(), structure: z.number(), depth: z.number() }),
    summary: z.string(),
    unscorable: z
      .object({ reason: z.string() })
      .optional()
      .describe(
        'set when the answer could not be judged: its score means nothing and a person should review it',
      ),
    evaluator: z.object({
      name: z.string(),
      version: z.string(),
      fallbackFrom: z.string().optional(),
      fallbackReason: z.string().optional(),
    }),
    rubricId: z.string(),
    plugin: z.object({ id: z.string(), version: z.string() }),
  })
  .openapi('Evaluation');

const OverrideView = z
  .object({ score: z.number(), reason: z.string(), by: z.string(), at: z.string() })
  .nullable();
const EvidenceList = z.array(z.object({ turn: z.number().int(), quote: z.string() }));

export const RecommendationSchema = z.enum(['strong_hire', 'hire', 'lean_no', 'no_hire']);

export const ReportSchema = z
  .object({
    version: z.string(),
    interviewId: z.uuid(),
    plugin: z.object({ id: z.string(), version: z.string(), sha256: z.string() }),
    role: z.object({ id: z.string(), title: z.string() }),
    position: z
      .object({ id: z.uuid(), title: z.string(), designVersion: z.number().int() })
      .nullable()
      .openapi({ description: 'the position interviewed for and the design version run' }),
    humanReview: z
      .object({
        status: z.enum(['open', 'resolved']),
        requestedAt: z.string(),
        resolvedAt: z.string().nullable(),
        resolutionNote: z.string().nullable(),
      })
      .nullable()
      .openapi({
        description: 'the candidate asked for a human review: while open, a person must look first',
      }),
    status: z.string(),
    overall: z.object({ score: z.number(), override: OverrideView, effectiveScore: z.number() }),
    recommendation: RecommendationSchema,
    evaluatedRecommendation: RecommendationSchema,
    thresholds: z.object({ strongHire: z.number(), hire: z.number(), leanNo: z.number() }),
    competencies: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        score: z.number(),
        override: OverrideView,
        effectiveScore: z.number(),
        turns: z.array(z.number().int()),
      }),
    ),
    strengths: z.array(z.object({ competency: z.string(), summary: z.string(), evidence: EvidenceList })),
    concerns: z.array(
      z.object({
        competency: z.string(),
        summary: z.string(),
        evidence: EvidenceList,
        missing: z.array(z.string()),
      }),
    ),
    redFlags: z.array(
      z.object({ kind: z.string(), detail: z.string(), evidence: z.string().nullable(), turn: z.number() }),
    ),
    review: z
      .array(z.object({ turn: z.number().int(), questionId: z.string(), reason: z.string() }))
      .describe('answers the evaluator could not judge: left out of every score, for a person to review'),
    provisional: z
      .boolean()
      .describe(
        'true while `review` lists an answer: the scores and the recommendation rest on the judged answers only',
      ),
    coverage: z.object({
      competenciesAssessed: z.number(),
      competenciesInRole: z.number(),
      expectedPointsCovered: z.number(),
      expectedPointsAsked: z.number(),
    }),
    evaluators: z.array(z.string()),
    llmUsage: z
      .object({
        calls: z.number().int(),
        promptTokens: z.number().int(),
        cachedTokens: z.number().int().describe('the part of promptTokens served from the provider cache'),
        completionTokens: z.number().int(),
      })
      .nullable()
      .openapi({
        description:
          "what the interview's model calls cost, as the provider reported it; null without a model",
      }),
    transcript: z.array(
      z.object({
        turn: z.number().int(),
        kind: z.string(),
        phase: z.string(),
        question: z.string(),
        answer: z.string().nullable(),
        score: z.number().nullable(),
      }),
    ),
  })
  .openapi('Report');
