import {
  Candidate,
  EvaluationRecord,
  type Interview,
  InterviewTurn,
  Tenant,
  type TenantEm,
} from '../db/index.ts';
import type { Manifest, Phase } from '../plugins/index.ts';
import type { LiveState, SessionStore } from './session-store.ts';
import { planQuotas, START_DIFFICULTY, type TurnRef } from './strategy.ts';

/** The live state from PostgreSQL alone: what a cache miss (or a flushed Redis) falls back to. */
export async function rebuildLiveState(em: TenantEm, interview: Interview): Promise<LiveState> {
  const rows = await em.find(InterviewTurn, { interviewId: interview.id }, { orderBy: { turn: 'asc' } });
  const last = await em.findOne(
    EvaluationRecord,
    { interviewId: interview.id },
    { orderBy: { turn: 'desc' }, fields: ['turn', 'score'] },
  );
  const turns: TurnRef[] = rows.map((r) => ({
    turn: r.turn,
    kind: r.kind,
    phase: r.phase as Phase,
    questionId: r.questionId,
    followUpId: r.followUpId,
    difficulty: r.difficulty,
  }));
  const tenant = await em.findOneOrFail(Tenant, { id: interview.tenantId });
  const candidate = await em.findOneOrFail(Candidate, { id: interview.candidateId });
  return {
    interviewId: interview.id,
    tenantId: interview.tenantId,
    status: interview.status,
    names: { company: tenant.displayName ?? tenant.name, candidate: candidate.name },
    strategy: {
      seed: interview.seed,
      roleId: interview.roleId,
      quotas: planQuotas(interview.length),
      difficulty: turns.at(-1)?.difficulty ?? START_DIFFICULTY,
      turns,
    },
    lastEvaluated: last ? { turn: last.turn, score: last.score } : null,
  };
}

/**
 * The live state from the session store, when it matches the stored record: a stale entry
 * (another process moved on) or a store that fails is a miss (undefined).
 */
export async function cachedLiveState(
  sessions: SessionStore,
  interview: Interview,
): Promise<LiveState | undefined> {
  const cached = await sessions.get(interview.tenantId, interview.id).catch(() => undefined);
  const cachedTurn = cached?.strategy.turns.at(-1)?.turn ?? 0;
  return cached && cached.status === interview.status && cachedTurn === interview.turn ? cached : undefined;
}

/** The live state: cached when it matches, else rebuilt from PostgreSQL and put back. */
export async function loadLiveState(
  em: TenantEm,
  sessions: SessionStore,
  interview: Interview,
): Promise<LiveState> {
  const cached = await cachedLiveState(sessions, interview);
  if (cached) return cached;
  const rebuilt = await rebuildLiveState(em, interview);
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
