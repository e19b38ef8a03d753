import { formatScale, type GradeScale, onScale } from './scale.ts';

/**
 * The human-graded answers a bank is calibrated against: JSON Lines, one answer a line,
 * `{"id", "questionId", "answer", "score"}` (other fields ignored), `score` on the grading scale.
 * Empty lines are skipped; every other line must be a JSON object with those four fields, for a
 * question of the bank, graded on the scale, with an id no earlier line used.
 */

export interface GradedItem {
  id: string;
  questionId: string;
  answer: string;
  /** the person's grade, as given, on the grading scale */
  human: number;
  /** 1-based line number in the file */
  line: number;
}

export interface GradedLineProblem {
  line: number;
  message: string;
}

/** Reported problems stop here; the rest are counted. */
export const MAX_REPORTED_PROBLEMS = 20;

export class GradedFileError extends Error {
  constructor(
    readonly problems: GradedLineProblem[],
    readonly total: number,
  ) {
    const more = total > problems.length ? `\n  … and ${total - problems.length} more` : '';
    super(
      `${total} bad line(s) in the graded file:\n${problems.map((p) => `  line ${p.line}: ${p.message}`).join('\n')}${more}`,
    );
    this.name = 'GradedFileError';
  }
}

const describe = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? 'a string' : `a ${typeof v}`;

/** Parse and check the whole file; throws a GradedFileError listing the bad lines. */
export function parseGradedFile(
  text: string,
  questionIds: ReadonlySet<string>,
  scale: GradeScale,
): GradedItem[] {
  const items: GradedItem[] = [];
  const problems: GradedLineProblem[] = [];
  let total = 0;
  const problem = (line: number, message: string) => {
    total++;
    if (problems.length < MAX_REPORTED_PROBLEMS) problems.push({ line, message });
  };
  const seen = new Map<string, number>();

  const lines = text.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((raw, i) => {
    const line = i + 1;
    const source = raw.replace(/\r$/, '');
    if (source.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch (err) {
      problem(line, `not JSON (${err instanceof Error ? err.message : String(err)})`);
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problem(line, `expected a JSON object {"id", "questionId", "answer", "score"}, got ${describe(value)}`);
      return;
    }
    const o = value as Record<string, unknown>;
    const wrong: string[] = [];
    for (const key of ['id', 'questionId', 'answer'] as const) {
      if (!(key in o)) wrong.push(`missing "${key}"`);
      else if (typeof o[key] !== 'string') wrong.push(`"${key}" must be a string, got ${describe(o[key])}`);
      else if (key !== 'answer' && (o[key] as string).trim() === '') wrong.push(`"${key}" is empty`);
    }
    if (!('score' in o)) wrong.push('missing "score"');
    else if (typeof o['score'] !== 'number' || !Number.isFinite(o['score']))
      wrong.push(`"score" must be a number, got ${describe(o['score'])}`);
    if (wrong.length > 0) {
      problem(line, wrong.join('; '));
      return;
    }
    const id = o['id'] as string;
    const questionId = o['questionId'] as string;
    const human = o['score'] as number;
    if (!questionIds.has(questionId)) {
      problem(line, `unknown questionId "${questionId}" (not a question of the plugin)`);
      return;
    }
    if (!onScale(scale, human)) {
      problem(
        line,
        `score ${human} is outside the scale ${formatScale(scale)} (set it with --scale MIN..MAX)`,
      );
      return;
    }
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      problem(line, `id "${id}" was already used on line ${earlier}`);
      return;
    }
    seen.set(id, line);
    items.push({ id, questionId, answer: o['answer'] as string, human, line });
  });
  if (total > 0) throw new GradedFileError(problems, total);
  return items;
}
