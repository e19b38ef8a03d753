import { z } from '@hono/zod-openapi';
import {
  Competency,
  ExpectedPoint,
  FollowUp,
  INTERVIEW_LENGTH,
  Locale,
  LocalId,
  PHASES,
  PluginId,
  RecommendationThresholds,
  Rubric,
  SemVer,
  Text,
} from '../plugins/index.ts';

/**
 * A position's interview design, as recruiters edit it: which installed banks it draws from
 * (pinned versions, questions included or excluded), the tenant's own questions and rubrics, and
 * how the interview runs. Saving one compiles it into a tenant-private plugin version
 * (compile.ts), which every interview of the position pins.
 *
 * A question is referred to (in `required`) as `<pluginId>/<questionId>` when it comes from a
 * bank, and by its own id when it is one of the tenant's questions. A rubric of an own question is
 * an own rubric's id or `<pluginId>/<rubricId>` of a selected bank.
 */

export const QuestionRef = z
  .string()
  .min(1)
  .max(170)
  .regex(/^(?:[a-z0-9]+(?:[.-][a-z0-9]+)*\/)?[a-z0-9][a-z0-9_-]*$/, {
    message: 'an own question id, or "<pluginId>/<questionId>" for a bank question',
  });

export const BankSelection = z
  .strictObject({
    pluginId: PluginId,
    /** the version pinned; default: the version the tenant has installed when the design is saved */
    version: SemVer.optional(),
    /** only this role's questions (the bank's role id); default: every question of the bank */
    role: LocalId.optional(),
    /** only these questions (ids in the bank); default: all (of the role) */
    include: z.array(LocalId).max(2000).optional(),
    /** never these questions */
    exclude: z.array(LocalId).max(2000).default([]),
  })
  .openapi('PositionBank');
export type BankSelection = z.output<typeof BankSelection>;

export const OwnQuestion = z
  .strictObject({
    id: LocalId,
    phase: z.enum(PHASES),
    text: Text(2000),
    /** competency ids: a selected bank's, an own one, or a new one named after its id */
    competencies: z.array(LocalId).min(1).max(10),
    difficulty: z.number().int().min(1).max(5).default(3),
    expectedPoints: z.array(ExpectedPoint).max(20).default([]),
    referenceAnswer: Text(4000).optional(),
    followUps: z.array(FollowUp).max(10).default([]),
    /** an own rubric's id, or "<pluginId>/<rubricId>" of a selected bank */
    rubric: z.string().min(1).max(170),
    timeLimitSec: z.number().int().min(10).max(3600).optional(),
  })
  .openapi('PositionQuestion');
export type OwnQuestion = z.output<typeof OwnQuestion>;

const PhaseQuotas = z.strictObject(
  Object.fromEntries(PHASES.map((p) => [p, z.number().int().min(0).max(INTERVIEW_LENGTH.max)])) as Record<
    (typeof PHASES)[number],
    z.ZodNumber
  >,
);

export const PositionDesign = z
  .strictObject({
    banks: z.array(BankSelection).max(20).default([]),
    questions: z.array(OwnQuestion).max(200).default([]),
    rubrics: z.array(Rubric).max(50).default([]),
    competencies: z.array(Competency).max(100).default([]),
    length: z
      .number()
      .int()
      .min(INTERVIEW_LENGTH.min)
      .max(INTERVIEW_LENGTH.max)
      .default(INTERVIEW_LENGTH.default),
    /** turns per phase, summing to the length; null: the default plan for the length */
    quotas: PhaseQuotas.nullable().default(null),
    required: z.array(QuestionRef).max(INTERVIEW_LENGTH.max).default([]),
    difficultyStart: z.number().int().min(1).max(5).default(2),
    /** null: the product's defaults (strong hire 80, hire 65, lean no 45) */
    thresholds: RecommendationThresholds.nullable().default(null),
    language: Locale.default('en'),
    aiNotice: Text(2000).nullable().default(null),
  })
  .openapi('PositionDesign');
export type PositionDesign = z.output<typeof PositionDesign>;
export type PositionDesignInput = z.input<typeof PositionDesign>;
