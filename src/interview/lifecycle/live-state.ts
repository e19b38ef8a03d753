import type { Interview, Sql } from '../../db/index.ts';
import { loadManifest, type Manifest, type Phase } from '../../plugins/index.ts';
import { readTranscript } from '../conversation/transcript.ts';
import { strategyPlan, type TurnRef } from '../next-question/strategy.ts';
import type { LiveState, SessionStore } from './session-store.ts';

/**
 * The live state from PostgreSQL alone: what a cache miss (or a flushed Redis) falls back to. Two
 * statements: the transcript, and the names and last score in one row.
 */
async function rebuildLiveState(sql: Sql, interview: Interview): Promise<LiveState> {
  const args = [interview.id, interview.tenantId];
  const rows = await readTranscript(sql, interview, { evaluations: 'none' });
  const [names] = await sql<{
    company: string;
    candidate: string;
    turn: number | null;
    score: number | null;
  }>(
    `select coalesce(t.display_name, t.name) as company, c.name as candidate, e.turn, e.score
       from interviews i
       join tenants t on t.id = i.tenant_id
       join candidates c on c.id = i.candidate_id
       left join lateral (select turn, score from evaluations
                           where interview_id = i.id order by turn desc limit 1) e on true
      where i.id = ? and i.tenant_id = ?`,
    args,
  );
  const manifest = await loadManifest(sql, interview.pluginId, interview.pluginVersion);
  const plan = strategyPlan(interview.length, manifest.interview);
  const turns: TurnRef[] = rows.map((r) => ({
    turn: r.turn,
    kind: r.kind,
    phase: r.phase as Phase,
    questionId: r.questionId,
    followUpId: r.followUpId,
    difficulty: r.difficulty,
  }));
  return {
    interviewId: interview.id,
    tenantId: interview.tenantId,
    status: interview.status,
    names: { company: names!.company, candidate: names!.candidate },
    strategy: {
      seed: interview.seed,
      roleId: interview.roleId,
      quotas: plan.quotas,
      difficulty: turns.at(-1)?.difficulty ?? plan.difficultyStart,
      turns,
      ...(plan.required ? { required: plan.required } : {}),
    },
    lastEvaluated: names!.turn === null ? null : { turn: names!.turn, score: names!.score! },
  };
}

/**
 * The live state from the session store, when it matches the stored record: a stale entry
 * (another process moved on) or a store that fails is a miss (undefined).
 */
async function cachedLiveState(sessions: SessionStore, interview: Interview): Promise<LiveState | undefined> {
  const cached = await sessions.get(interview.tenantId, interview.id).catch(() => undefined);
  const cachedTurn = cached?.strategy.turns.at(-1)?.turn ?? 0;
  return cached && cached.status === interview.status && cachedTurn === interview.turn ? cached : undefined;
}

/** The live state: cached when it matches, else rebuilt from PostgreSQL and put back. */
export async function loadLiveState(
  sql: Sql,
  sessions: SessionStore,
  interview: Interview,
): Promise<LiveState> {
  const cached = await cachedLiveState(sessions, interview);
  if (cached) return cached;
  const rebuilt = await rebuildLiveState(sql, interview);
  await sessions.set(rebuilt).catch(() => undefined);
  return rebuilt;
}

/** What clients see of the live state. */
export interface StateView {
  interviewId: string;
  status: LiveState['status'];
  role: { id: string; title: string };
  plugin: { id: string; version: string };
  phase: Phase | null;
  turn: number | null;
  totalTurns: number;
  answered: number;
  /** null for candidates: it moves with their scores */
  difficulty: number | null;
  currentQuestion: {
    turn: number;
    kind: 'question' | 'follow_up';
    phase: Phase;
    questionId: string;
    text: string;
    timeLimitSec: number | null;
  } | null;
  lastEvaluated: { turn: number; score: number } | null;
  coverage: Record<string, number>;
}

export function stateView(state: LiveState, interview: Interview, manifest: Manifest): StateView {
  const questions = new Map(manifest.questions.map((q) => [q.id, q]));
  const current = state.strategy.turns.at(-1);
  const awaiting = state.status === 'in_progress' && current ? current : null;
  const coverage: Record<string, number> = {};
  for (const t of state.strategy.turns) {
    for (const c of questions.get(t.questionId)?.competencies ?? []) coverage[c] = (coverage[c] ?? 0) + 1;
  }
  const q = awaiting ? questions.get(awaiting.questionId) : undefined;
  const text = awaiting?.followUpId ? q?.followUps.find((f) => f.id === awaiting.followUpId)?.text : q?.text;
  const totalTurns = Object.values(state.strategy.quotas).reduce((s, n) => s + n, 0);
  return {
    interviewId: interview.id,
    status: state.status,
    role: { id: interview.roleId, title: interview.roleTitle },
    plugin: { id: interview.pluginId, version: interview.pluginVersion },
    phase: current?.phase ?? null,
    turn: awaiting?.turn ?? null,
    totalTurns,
    answered: state.lastEvaluated?.turn ?? 0,
    difficulty: state.strategy.difficulty,
    currentQuestion:
      awaiting && q
        ? {
            turn: awaiting.turn,
            kind: awaiting.kind,
            phase: awaiting.phase,
            questionId: awaiting.questionId,
            text: text ?? q.text,
            timeLimitSec: q.timeLimitSec ?? null,
          }
        : null,
    lastEvaluated: state.lastEvaluated,
    coverage,
  };
}

/** What a candidate sees of the state: nothing that moves with their scores. */
export function candidateStateView(state: StateView): StateView {
  return { ...state, lastEvaluated: null, difficulty: null };
}
