import { createHash } from 'node:crypto';
import type { InterviewSettings, ManifestQuestion, Phase } from '../../plugins/index.ts';
import { INTERVIEW_LENGTH, PHASES, planQuotas, type Quotas } from '../../plugins/index.ts';

export { planQuotas };

/**
 * The question strategy: a pure, deterministic function from (question bank, state so far, the
 * last answer's outcome) to the next step. Same seed and same outcomes give the same interview,
 * so tests are exact and an interview can be rebuilt from its stored rows.
 *
 * Rules, in order:
 * 1. After a main question that missed an expected point with a follow-up, or scored below a
 *    follow-up's threshold, ask that follow-up (one per question, only if the phase has room).
 * 2. After a main question, difficulty moves up one after a strong answer (>= 70) and down one
 *    after a weak one (< 40), within 1..5.
 * 3. Phases run in order (intro, technical, behavioral, situational, closing), each with a quota
 *    of turns; quota a phase cannot use (too few questions) carries to the next.
 * 4. Within a phase: a required question not asked yet (a position's design), then the question
 *    closest to the target difficulty, then the one whose competencies were covered least, then a
 *    seeded tie-break. Never the same question twice. A follow-up never takes the turn a required
 *    question of its phase still needs.
 * An answer the evaluator could not judge (`unscorable`) is neutral: its score of 0 means nothing,
 * so it moves the difficulty neither way and asks no follow-up (of either kind: no point was judged
 * missing either); the interview goes on as if it had no outcome.
 */

export const DEFAULT_LENGTH: number = INTERVIEW_LENGTH.default;
export const MIN_LENGTH: number = INTERVIEW_LENGTH.min;
export const MAX_LENGTH: number = INTERVIEW_LENGTH.max;
export const START_DIFFICULTY = 2;
export const STRONG_SCORE = 70;
export const WEAK_SCORE = 40;

export type { Quotas };

export interface TurnRef {
  turn: number;
  kind: 'question' | 'follow_up';
  phase: Phase;
  questionId: string;
  followUpId: string | null;
  /** the target difficulty when this turn was chosen */
  difficulty: number;
}

export interface StrategyState {
  seed: number;
  roleId: string;
  quotas: Quotas;
  difficulty: number;
  turns: TurnRef[];
  /** questions always asked, each in its phase (absent in states cached before designs existed) */
  required?: string[] | undefined;
}

export interface TurnOutcome {
  score: number;
  missingPointIds: string[];
  /** the answer could not be judged: score and missing points mean nothing, the outcome is neutral */
  unscorable?: boolean | undefined;
}

export type Step =
  | { kind: 'question'; phase: Phase; question: ManifestQuestion }
  | {
      kind: 'follow_up';
      phase: Phase;
      question: ManifestQuestion;
      followUp: ManifestQuestion['followUps'][number];
    }
  | { kind: 'end' };

/** How a bank's interviews run: its settings (a position's design), else the defaults. */
export function strategyPlan(
  length: number,
  settings: InterviewSettings | undefined,
): Pick<StrategyState, 'quotas' | 'required'> & { difficultyStart: number } {
  return {
    quotas: settings?.quotas ? { ...settings.quotas } : planQuotas(length),
    required: settings?.required?.length ? [...settings.required] : undefined,
    difficultyStart: settings?.difficultyStart ?? START_DIFFICULTY,
  };
}

export function initialState(
  seed: number,
  roleId: string,
  length: number,
  settings?: InterviewSettings | undefined,
): StrategyState {
  const { quotas, required, difficultyStart } = strategyPlan(length, settings);
  return { seed, roleId, quotas, difficulty: difficultyStart, turns: [], ...(required ? { required } : {}) };
}

/** Required questions of `phase` not asked yet. */
function requiredLeft(
  questions: Map<string, ManifestQuestion>,
  state: StrategyState,
  phase: Phase,
): string[] {
  if (!state.required) return [];
  const asked = new Set(state.turns.map((t) => t.questionId));
  return state.required.filter((id) => !asked.has(id) && questions.get(id)?.phase === phase);
}

/** A stable pseudo-random rank of a question for a seed (the tie-break). */
function seededRank(seed: number, id: string): string {
  return createHash('sha256').update(`${seed}:${id}`).digest('hex');
}

function phaseTurns(state: StrategyState, phase: Phase): number {
  return state.turns.filter((t) => t.phase === phase).length;
}

/** Quota of `phase` plus what earlier phases left unused. */
function effectiveQuota(state: StrategyState, phase: Phase): number {
  const index = PHASES.indexOf(phase);
  const planned = PHASES.slice(0, index + 1).reduce((s, p) => s + state.quotas[p], 0);
  const usedBefore = state.turns.filter((t) => PHASES.indexOf(t.phase) < index).length;
  return planned - usedBefore;
}

function competencyCounts(bank: Map<string, ManifestQuestion>, state: StrategyState): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of state.turns) {
    for (const c of bank.get(t.questionId)?.competencies ?? []) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return counts;
}

function pickQuestion(
  questions: ManifestQuestion[],
  bank: Map<string, ManifestQuestion>,
  state: StrategyState,
  phase: Phase,
): ManifestQuestion | undefined {
  const asked = new Set(state.turns.map((t) => t.questionId));
  const candidates = questions.filter(
    (q) => q.phase === phase && q.roles.includes(state.roleId) && !asked.has(q.id),
  );
  if (candidates.length === 0) return undefined;
  const counts = competencyCounts(bank, state);
  const adaptive = phase !== 'intro' && phase !== 'closing';
  const required = new Set(requiredLeft(bank, state, phase));
  const key = (q: ManifestQuestion): [number, number, number, string] => [
    required.has(q.id) ? 0 : 1,
    adaptive ? Math.abs(q.difficulty - state.difficulty) : q.difficulty,
    q.competencies.reduce((s, c) => s + (counts.get(c) ?? 0), 0),
    seededRank(state.seed, q.id),
  ];
  return candidates
    .map((q) => ({ q, k: key(q) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.k[2] - b.k[2] || (a.k[3] < b.k[3] ? -1 : 1))[0]!
    .q;
}

/** Difficulty after a main question's outcome. */
export function adjustDifficulty(difficulty: number, score: number): number {
  if (score >= STRONG_SCORE) return Math.min(5, difficulty + 1);
  if (score < WEAK_SCORE) return Math.max(1, difficulty - 1);
  return difficulty;
}

/**
 * The next step after the current turn's outcome (none before the first question), and the state
 * with that step recorded. Returns `end` when every phase is done.
 */
export function advance(
  questions: ManifestQuestion[],
  state: StrategyState,
  outcome?: TurnOutcome,
): { state: StrategyState; step: Step } {
  const bank = new Map(questions.map((q) => [q.id, q]));
  const last = state.turns.at(-1);
  let difficulty = state.difficulty;

  if (last && outcome && !outcome.unscorable && last.kind === 'question') {
    const question = bank.get(last.questionId)!;
    difficulty = adjustDifficulty(difficulty, outcome.score);
    const asked = new Set(
      state.turns.filter((t) => t.followUpId).map((t) => `${t.questionId}/${t.followUpId}`),
    );
    const followUp = question.followUps.find(
      (f) =>
        !asked.has(`${question.id}/${f.id}`) &&
        ('missingPoint' in f.when
          ? outcome.missingPointIds.includes(f.when.missingPoint)
          : outcome.score < f.when.scoreBelow),
    );
    const room =
      effectiveQuota(state, last.phase) -
      phaseTurns(state, last.phase) -
      requiredLeft(bank, state, last.phase).length;
    if (followUp && room > 0) {
      const turn: TurnRef = {
        turn: last.turn + 1,
        kind: 'follow_up',
        phase: last.phase,
        questionId: question.id,
        followUpId: followUp.id,
        difficulty,
      };
      return {
        state: { ...state, difficulty, turns: [...state.turns, turn] },
        step: { kind: 'follow_up', phase: last.phase, question, followUp },
      };
    }
  }

  const next = { ...state, difficulty };
  const startIndex = last ? PHASES.indexOf(last.phase) : 0;
  for (const phase of PHASES.slice(startIndex)) {
    if (phaseTurns(next, phase) >= effectiveQuota(next, phase)) continue;
    const question = pickQuestion(questions, bank, next, phase);
    if (!question) continue;
    const turn: TurnRef = {
      turn: (last?.turn ?? 0) + 1,
      kind: 'question',
      phase,
      questionId: question.id,
      followUpId: null,
      difficulty,
    };
    return { state: { ...next, turns: [...next.turns, turn] }, step: { kind: 'question', phase, question } };
  }
  return { state: next, step: { kind: 'end' } };
}
