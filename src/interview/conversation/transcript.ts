import { type Interview, type InterviewTurn, type Sql, uuidv7 } from '../../db/index.ts';
import type { Evaluation } from '../../evaluation/index.ts';
import type { advance } from '../next-question/strategy.ts';

type Plan = ReturnType<typeof advance>;

/**
 * The row of the turn a plan asks next, as `interview_turns` stores it: the one builder of a turn
 * row, for the first turn and every later one.
 */
export function turnRow(
  interview: Pick<Interview, 'id' | 'tenantId'>,
  state: Plan['state'],
  step: Exclude<Plan['step'], { kind: 'end' }>,
  reply: string,
): InterviewTurn {
  const next = state.turns.at(-1)!;
  return {
    id: uuidv7(),
    tenantId: interview.tenantId,
    interviewId: interview.id,
    turn: next.turn,
    kind: next.kind,
    phase: next.phase,
    questionId: next.questionId,
    followUpId: next.followUpId,
    difficulty: next.difficulty,
    prompt: step.kind === 'follow_up' ? step.followUp.text : step.question.text,
    reply,
    askedAt: new Date(),
  };
}

/** One turn of an interview as stored: what was asked, the answer, and its evaluation. */
export interface TranscriptTurn {
  turn: number;
  kind: InterviewTurn['kind'];
  phase: string;
  questionId: string;
  followUpId: string | null;
  difficulty: number;
  /** the question or follow-up as written in the plugin */
  prompt: string;
  /** what the interviewer said (greeting or transition, and the prompt) */
  reply: string;
  answerId: string | null;
  answer: string | null;
  /** null until evaluated, or when not read (see `evaluations`) */
  evaluation: Evaluation | null;
}

interface Row {
  turn: number;
  kind: InterviewTurn['kind'];
  phase: string;
  question_id: string;
  follow_up_id: string | null;
  difficulty: number;
  prompt: string;
  reply: string;
  answer_id: string | null;
  answer: string | null;
  evaluation: Evaluation | null;
}

/** Which evaluations come with the turns: every one, none, or one turn's (the turn in progress). */
export type EvaluationsRead = 'all' | 'none' | { turn: number };

// One text per kind of read: each is a named prepared statement (columns named, never `*`).
const SELECT = `select t.turn, t.kind, t.phase, t.question_id, t.follow_up_id, t.difficulty, t.prompt, t.reply,
       a.id as answer_id, a.text as answer, e.result as evaluation
  from interview_turns t
  left join answers a on a.interview_id = t.interview_id and a.turn = t.turn`;
const WHERE = `where t.interview_id = ? and t.tenant_id = ? and t.turn <= ?
  order by t.turn`;
const STATEMENTS = {
  all: `${SELECT}
  left join evaluations e on e.interview_id = t.interview_id and e.turn = t.turn
  ${WHERE}`,
  none: `${SELECT}
  left join evaluations e on false
  ${WHERE}`,
  turn: `${SELECT}
  left join evaluations e on e.interview_id = t.interview_id and e.turn = t.turn and t.turn = ?
  ${WHERE}`,
};

/**
 * The transcript: every turn of an interview so far (or through `throughTurn`), oldest first,
 * with its answer and, as asked, its evaluation, in one statement. The one read of an interview's
 * conversation, for the evaluator's context, the summariser, the report, the recruiter's live
 * view and the candidate's resume.
 */
export async function readTranscript(
  sql: Sql,
  interview: { id: string; tenantId: string },
  options: { evaluations: EvaluationsRead; throughTurn?: number },
): Promise<TranscriptTurn[]> {
  const through = options.throughTurn ?? 2_147_483_647;
  const args = [interview.id, interview.tenantId, through];
  const { evaluations } = options;
  const rows =
    typeof evaluations === 'object'
      ? await sql<Row>(STATEMENTS.turn, [evaluations.turn, ...args])
      : await sql<Row>(STATEMENTS[evaluations], args);
  return rows.map((r) => ({
    turn: r.turn,
    kind: r.kind,
    phase: r.phase,
    questionId: r.question_id,
    followUpId: r.follow_up_id,
    difficulty: r.difficulty,
    prompt: r.prompt,
    reply: r.reply,
    answerId: r.answer_id,
    answer: r.answer,
    evaluation: r.evaluation,
  }));
}
