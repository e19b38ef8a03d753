import type { CapturedRequest, StandInReply } from './openai-stand-in.ts';

/**
 * What the OpenAI stand-in answers to the product's calls in LLM mode: the turn call (one
 * structured response, `reply` first, then the grading of the answer against the rubric listed
 * in its system message) and the reply-only call of the interviewer voice. Tests pick the grade.
 */

/** Is this the one-call turn (grading and wording in one structured response)? */
export const isTurnCall = (req: CapturedRequest) =>
  req.body.response_format?.json_schema?.name === 'answer_evaluation' &&
  'reply' in (req.body.response_format.json_schema.schema?.properties ?? {});

/** Is this the voice wording a reply alone? */
export const isReplyCall = (req: CapturedRequest) =>
  !req.body.response_format && req.raw.includes('interviewer_draft');

/** The text between `<tag>` and `</tag>` in the request's last message that has it. */
export function delimited(req: CapturedRequest, tag: string): string | undefined {
  const messages = req.body.messages as { content: string }[];
  for (const m of [...messages].reverse()) {
    const match = new RegExp(`<${tag}>\\n([\\s\\S]*)\\n</${tag}>`).exec(m.content);
    if (match) return match[1];
  }
  return undefined;
}

/** The rubric's criterion ids and the expected points' ids, read from the system message. */
export function rubricOf(req: CapturedRequest): { criteria: string[]; points: string[] } {
  const system: string = req.body.messages[0].content;
  const criteria = [...system.matchAll(/^## ([a-z0-9_-]+): /gm)].map((m) => m[1]!);
  const section = system.slice(system.indexOf('# Expected points'), system.indexOf('# Rubric'));
  const points = [...section.matchAll(/^- ([a-z0-9_-]+): /gm)].map((m) => m[1]!);
  return { criteria, points };
}

/** How the model words a draft: recognisably its own, keeping every question as it is. */
export const reworded = (draft: string) => `Alright. ${draft}`;

export interface Grade {
  /** every criterion's level */
  level: number;
  /** every expected point covered, or none */
  covered: boolean;
  /** the reply to send (default: the draft reworded) */
  reply?: string;
  redFlags?: { kind: string; detail: string; evidence: string | null }[];
}

/** The turn call's JSON, in schema order (reply first). */
export function turnJson(req: CapturedRequest, grade: Grade): string {
  const { criteria, points } = rubricOf(req);
  return JSON.stringify({
    reply: grade.reply ?? reworded(delimited(req, 'interviewer_draft') ?? ''),
    redFlags: grade.redFlags ?? [],
    coverage: points.map((pointId) => ({ pointId, covered: grade.covered, evidence: null })),
    criteria: criteria.map((criterionId) => ({
      criterionId,
      evidence: [],
      rationale: `Matches the level ${grade.level} anchor.`,
      level: grade.level,
    })),
    summary: 'A short neutral summary.',
  });
}

/** The stand-in's answer to either call: the turn graded by `grade`, a reply reworded. */
export function answerLlm(req: CapturedRequest, grade: Grade, extra: StandInReply = {}): StandInReply {
  if (isTurnCall(req)) return { content: turnJson(req, grade), ...extra };
  if (isReplyCall(req)) return { content: reworded(delimited(req, 'interviewer_draft') ?? ''), ...extra };
  return { status: 500 };
}
