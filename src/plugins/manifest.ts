import { z } from 'zod';

/**
 * The plugin manifest (plugin.json): a question bank with its rubrics, as declarative data.
 * Partners write it, the registry stores it immutably per version, interviews read it.
 * Every object is strict: an unknown key is an error, so typos never pass silently.
 */

export const MANIFEST_MAX_BYTES = 2 * 1024 * 1024;
export const MANIFEST_MAX_DEPTH = 16;

export const PHASES = ['intro', 'technical', 'behavioral', 'situational', 'closing'] as const;
export type Phase = (typeof PHASES)[number];

export const LocalId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, {
    message: 'lowercase letters, digits, "-" and "_", starting alphanumeric',
  });

/** Every tenant-private plugin id (a position's design) starts with this; the public registry refuses it. */
export const PRIVATE_PLUGIN_PREFIX = 'position.';

export const PLUGIN_ID_PATTERN = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;
export const PLUGIN_ID_MESSAGE =
  'lowercase slug; dots and hyphens between parts (e.g. acme.backend-engineer)';
export const PluginId = z.string().min(3).max(100).regex(PLUGIN_ID_PATTERN, { message: PLUGIN_ID_MESSAGE });

/** Semantic Versioning 2.0.0, the official grammar (no leading "v", no leading zeros). */
export const SEMVER_PATTERN =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
export const SEMVER_MESSAGE = 'must be a semantic version like 1.2.3';
export const SemVer = z.string().max(64).regex(SEMVER_PATTERN, { message: SEMVER_MESSAGE });

/** A BCP 47 language tag: the language a bank is asked and answered in. */
export const Locale = z.string().regex(/^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?$/, {
  message: 'a BCP 47 tag like en or en-US',
});

export const Text = (max: number) => z.string().trim().min(1).max(max);

const Role = z.strictObject({ id: LocalId, title: Text(120), description: Text(2000) });

export const Competency = z.strictObject({ id: LocalId, name: Text(120), description: Text(2000) });

const Levels = z.strictObject({
  '1': Text(1000),
  '2': Text(1000),
  '3': Text(1000),
  '4': Text(1000),
  '5': Text(1000),
});

const Criterion = z.strictObject({
  id: LocalId,
  name: Text(120),
  weight: z.number().positive().max(100),
  levels: Levels,
});

export const Rubric = z.strictObject({
  id: LocalId,
  competency: LocalId,
  criteria: z.array(Criterion).min(1).max(12),
});

export const ExpectedPoint = z.strictObject({
  id: LocalId,
  text: Text(500),
  keywords: z.array(Text(60)).max(40).optional(),
});

const FollowUpWhen = z.union([
  z.strictObject({ missingPoint: LocalId }),
  z.strictObject({ scoreBelow: z.number().min(0).max(100) }),
]);

export const FollowUp = z.strictObject({ id: LocalId, when: FollowUpWhen, text: Text(1000) });

export const Question = z.strictObject({
  id: LocalId,
  roles: z.array(LocalId).min(1).max(50),
  phase: z.enum(PHASES),
  competencies: z.array(LocalId).min(1).max(10),
  difficulty: z.number().int().min(1).max(5),
  text: Text(2000),
  /** a model answer, as a partner or recruiter would write it: evaluators compare answers with it */
  referenceAnswer: Text(4000)
    .optional()
    .describe(
      'A model answer to the question, as a strong candidate would give it. The evaluators compare ' +
        'answers with it as well as with the expected points. Data for scoring only: never shown to candidates.',
    ),
  expectedPoints: z.array(ExpectedPoint).max(20).default([]),
  followUps: z.array(FollowUp).max(10).default([]),
  rubric: LocalId,
  timeLimitSec: z.number().int().min(10).max(3600).optional(),
});

/** Interview length in turns: the bounds every interview keeps (the strategy's too). */
export const INTERVIEW_LENGTH = { min: 5, max: 30, default: 10 } as const;

const TurnCount = z.number().int().min(0).max(INTERVIEW_LENGTH.max);

/** Overall-score bounds of the report's recommendations (0-100; strong hire > hire > lean no). */
export const RecommendationThresholds = z
  .strictObject({
    strongHire: z.number().min(0).max(100),
    hire: z.number().min(0).max(100),
    leanNo: z.number().min(0).max(100),
  })
  .refine((t) => t.strongHire > t.hire && t.hire > t.leanNo, {
    message: 'must be ordered: strongHire > hire > leanNo',
  });

/**
 * How an interview on this bank runs, where it differs from the defaults: a position's design
 * is stored this way in its tenant-private plugin version, so every interview pins it.
 */
export const InterviewSettings = z.strictObject({
  length: z.number().int().min(INTERVIEW_LENGTH.min).max(INTERVIEW_LENGTH.max).optional(),
  /** turns per phase; they sum to the length (default: one intro, one closing, the rest 40/30/30) */
  quotas: z
    .strictObject({
      intro: TurnCount,
      technical: TurnCount,
      behavioral: TurnCount,
      situational: TurnCount,
      closing: TurnCount,
    })
    .optional(),
  /** questions always asked, each in its phase, before any other question of that phase */
  required: z.array(LocalId).max(INTERVIEW_LENGTH.max).optional(),
  /** the target difficulty of the first question of each adaptive phase (default 2) */
  difficultyStart: z.number().int().min(1).max(5).optional(),
  thresholds: RecommendationThresholds.optional(),
  /** shown to the candidate before the first question (the AI-use notice) */
  aiNotice: Text(2000).optional(),
});
export type InterviewSettings = z.output<typeof InterviewSettings>;

const GoldenAnswer = z.strictObject({
  questionId: LocalId,
  label: z.enum(['strong', 'average', 'weak']).optional(),
  answer: Text(20_000),
  expected: z.strictObject({ min: z.number().min(0).max(100), max: z.number().min(0).max(100) }),
});

export const ManifestSchema = z
  .strictObject({
    $schema: z.string().max(500).optional(),
    id: PluginId,
    version: SemVer,
    name: Text(120),
    description: Text(4000),
    publisher: Text(120),
    license: Text(64),
    locale: Locale,
    roles: z.array(Role).min(1).max(50),
    competencies: z.array(Competency).min(1).max(100),
    rubrics: z.array(Rubric).min(1).max(200),
    questions: z.array(Question).min(1).max(2000),
    goldenAnswers: z.array(GoldenAnswer).max(5000).default([]),
    interview: InterviewSettings.optional(),
  })
  .superRefine(checkReferences);

export type Manifest = z.output<typeof ManifestSchema>;
export type ManifestQuestion = Manifest['questions'][number];
export type ManifestRubric = Manifest['rubrics'][number];

type Ctx = z.RefinementCtx;

function unique(ctx: Ctx, items: { id: string }[], path: (string | number)[], what: string): Set<string> {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id))
      ctx.addIssue({
        code: 'custom',
        path: [...path, i, 'id'],
        message: `duplicate ${what} id "${item.id}"`,
      });
    seen.add(item.id);
  });
  return seen;
}

/** Ids unique, every reference resolves, ranges ordered. */
function checkReferences(m: z.input<typeof ManifestSchema> & Manifest, ctx: Ctx): void {
  const roles = unique(ctx, m.roles, ['roles'], 'role');
  const competencies = unique(ctx, m.competencies, ['competencies'], 'competency');
  const rubrics = unique(ctx, m.rubrics, ['rubrics'], 'rubric');
  const questions = unique(ctx, m.questions, ['questions'], 'question');
  const rubricCompetency = new Map(m.rubrics.map((r) => [r.id, r.competency]));

  m.rubrics.forEach((r, i) => {
    unique(ctx, r.criteria, ['rubrics', i, 'criteria'], 'criterion');
    if (!competencies.has(r.competency)) {
      ctx.addIssue({
        code: 'custom',
        path: ['rubrics', i, 'competency'],
        message: `unknown competency "${r.competency}"`,
      });
    }
  });

  m.questions.forEach((q, i) => {
    const at = (...p: (string | number)[]) => ['questions', i, ...p];
    q.roles.forEach((r, j) => {
      if (!roles.has(r))
        ctx.addIssue({ code: 'custom', path: at('roles', j), message: `unknown role "${r}"` });
    });
    q.competencies.forEach((c, j) => {
      if (!competencies.has(c))
        ctx.addIssue({ code: 'custom', path: at('competencies', j), message: `unknown competency "${c}"` });
    });
    if (!rubrics.has(q.rubric)) {
      ctx.addIssue({ code: 'custom', path: at('rubric'), message: `unknown rubric "${q.rubric}"` });
    } else if (!q.competencies.includes(rubricCompetency.get(q.rubric)!)) {
      ctx.addIssue({
        code: 'custom',
        path: at('rubric'),
        message: `rubric "${q.rubric}" scores competency "${rubricCompetency.get(q.rubric)}", which the question does not list`,
      });
    }
    const points = unique(ctx, q.expectedPoints ?? [], at('expectedPoints'), 'expected point');
    unique(ctx, q.followUps ?? [], at('followUps'), 'follow-up');
    (q.followUps ?? []).forEach((f, j) => {
      if ('missingPoint' in f.when && !points.has(f.when.missingPoint)) {
        ctx.addIssue({
          code: 'custom',
          path: at('followUps', j, 'when', 'missingPoint'),
          message: `unknown expected point "${f.when.missingPoint}"`,
        });
      }
    });
  });

  checkInterview(m, questions, ctx);

  (m.goldenAnswers ?? []).forEach((g, i) => {
    if (!questions.has(g.questionId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['goldenAnswers', i, 'questionId'],
        message: `unknown question "${g.questionId}"`,
      });
    }
    if (g.expected.min > g.expected.max) {
      ctx.addIssue({
        code: 'custom',
        path: ['goldenAnswers', i, 'expected'],
        message: 'min is greater than max',
      });
    }
  });
}

/** The interview settings fit the bank: required questions exist and fit their phase's quota. */
function checkInterview(m: Manifest, questions: Set<string>, ctx: Ctx): void {
  const settings = m.interview;
  if (!settings) return;
  const { quotas, length } = settings;
  if (quotas) {
    const sum = PHASES.reduce((n, p) => n + quotas[p], 0);
    if (length !== undefined && sum !== length)
      ctx.addIssue({
        code: 'custom',
        path: ['interview', 'quotas'],
        message: `the phase quotas sum to ${sum}, not the length ${length}`,
      });
    if (sum < INTERVIEW_LENGTH.min || sum > INTERVIEW_LENGTH.max)
      ctx.addIssue({
        code: 'custom',
        path: ['interview', 'quotas'],
        message: `the phase quotas sum to ${sum}; an interview has ${INTERVIEW_LENGTH.min} to ${INTERVIEW_LENGTH.max} turns`,
      });
  }
  const byId = new Map(m.questions.map((q) => [q.id, q]));
  const perPhase = new Map<Phase, number>();
  const seen = new Set<string>();
  (settings.required ?? []).forEach((id, i) => {
    const question = byId.get(id);
    if (!questions.has(id) || !question) {
      ctx.addIssue({
        code: 'custom',
        path: ['interview', 'required', i],
        message: `unknown question "${id}"`,
      });
      return;
    }
    if (seen.has(id))
      ctx.addIssue({
        code: 'custom',
        path: ['interview', 'required', i],
        message: `"${id}" is listed twice`,
      });
    seen.add(id);
    perPhase.set(question.phase, (perPhase.get(question.phase) ?? 0) + 1);
  });
  if (quotas)
    for (const [phase, n] of perPhase)
      if (n > quotas[phase])
        ctx.addIssue({
          code: 'custom',
          path: ['interview', 'required'],
          message: `${n} required ${phase} questions, but the ${phase} phase has ${quotas[phase]} turns`,
        });
}
