import { type ManifestProblem, PHASES, type Quotas, validateManifest } from '../../plugins/index.ts';
import { PositionDesign } from '../design.ts';

/**
 * Whether a model's draft is usable, all or nothing: it must parse as a position design (own
 * questions, rubrics and competencies), give every phase at least its turns, and compile to a
 * valid plugin manifest (every reference resolves, every rubric scores a competency its questions
 * list, ids are unique). Anything less is a list of problems with JSON paths in the model's reply.
 */

export interface DraftContext {
  title: string;
  description: string;
  length: number;
  language: string;
  quotas: Quotas;
}

export type DraftCheck = { ok: true; design: PositionDesign } | { ok: false; problems: ManifestProblem[] };

/** The keys a reply has; the design's other settings are the caller's, not the model's. */
const REPLY_KEYS = new Set(['competencies', 'rubrics', 'questions']);

const pointer = (path: readonly PropertyKey[]) =>
  path.map((p) => `/${String(p).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

const cut = (text: string, max: number) => text.trim().slice(0, max).trim();

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Strict mode has no optional keys: a null reference answer means none. */
function withoutNulls(questions: unknown): unknown {
  if (!Array.isArray(questions)) return questions;
  return questions.map((q) => {
    if (!isRecord(q) || q['referenceAnswer'] !== null) return q;
    const { referenceAnswer: _none, ...rest } = q;
    return rest;
  });
}

export function checkDraft(reply: unknown, ctx: DraftContext): DraftCheck {
  if (!isRecord(reply)) return { ok: false, problems: [{ path: '', message: 'expected a JSON object' }] };
  const problems: ManifestProblem[] = Object.keys(reply)
    .filter((key) => !REPLY_KEYS.has(key))
    .map((key) => ({ path: pointer([key]), message: `unknown key "${key}"` }));

  const parsed = PositionDesign.safeParse({
    competencies: reply['competencies'],
    rubrics: reply['rubrics'],
    questions: withoutNulls(reply['questions']),
    length: ctx.length,
    language: ctx.language,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys')
        for (const key of issue.keys)
          problems.push({ path: pointer([...issue.path, key]), message: `unknown key "${key}"` });
      else problems.push({ path: pointer(issue.path), message: issue.message });
    }
    return { ok: false, problems };
  }
  const design = parsed.data;

  for (const phase of PHASES) {
    const count = design.questions.filter((q) => q.phase === phase).length;
    if (count < ctx.quotas[phase])
      problems.push({
        path: '/questions',
        message: `the ${phase} phase has ${ctx.quotas[phase]} turns but ${count} questions; write at least ${ctx.quotas[phase]}`,
      });
  }

  const checked = validateManifest(draftManifest(design, ctx));
  if (!checked.ok) problems.push(...checked.problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, design };
}

/**
 * The design as a plugin manifest, the way interviews will read it: one role (the position),
 * every own question in it. Its question, rubric and competency lists are the design's, in the
 * same order, so a manifest problem's path is also a path in the model's reply.
 */
export function draftManifest(design: PositionDesign, ctx: DraftContext): unknown {
  const title = cut(ctx.title, 120);
  return {
    id: 'draft.check',
    version: '1.0.0',
    name: title,
    description: cut(`A drafted interview for the position "${title}".`, 4000),
    publisher: 'AI Interviewer draft',
    license: 'proprietary',
    locale: ctx.language,
    roles: [{ id: 'position', title, description: cut(ctx.description, 2000) || title }],
    competencies: design.competencies,
    rubrics: design.rubrics,
    questions: design.questions.map((q) => ({ ...q, roles: ['position'] })),
  };
}
