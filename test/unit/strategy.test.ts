import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  advance,
  initialState,
  planQuotas,
  START_DIFFICULTY,
  type StrategyState,
  type TurnOutcome,
} from '../../src/interview/next-question/strategy.ts';
import { BUNDLED_PLUGINS_DIR, type Manifest, PHASES, validateManifest } from '../../src/plugins/index.ts';

const load = (name: string): Manifest => {
  const r = validateManifest(readFileSync(path.join(BUNDLED_PLUGINS_DIR, name, 'plugin.json'), 'utf8'));
  if (!r.ok) throw new Error('invalid bundled plugin');
  return r.manifest;
};
const backend = load('backend-engineer');

/** Run a whole interview where `outcomeFor` decides each answer's outcome. */
function simulate(
  manifest: Manifest,
  seed: number,
  length: number,
  outcomeFor: (questionId: string, followUp: boolean) => TurnOutcome,
) {
  const roleId = manifest.roles[0]!.id;
  let { state, step } = advance(manifest.questions, initialState(seed, roleId, length));
  const steps: {
    turn: number;
    phase: string;
    id: string;
    kind: string;
    difficulty: number;
    target: number;
  }[] = [];
  let guard = 0;
  while (step.kind !== 'end' && guard++ < 100) {
    const turn = state.turns.at(-1)!;
    steps.push({
      turn: turn.turn,
      phase: step.phase,
      id: step.kind === 'follow_up' ? `${step.question.id}/${step.followUp.id}` : step.question.id,
      kind: step.kind,
      difficulty: step.question.difficulty,
      target: turn.difficulty,
    });
    ({ state, step } = advance(
      manifest.questions,
      state,
      outcomeFor(step.question.id, step.kind === 'follow_up'),
    ));
  }
  return { steps, state };
}

const strong = (): TurnOutcome => ({ score: 90, missingPointIds: [] });
const weak = (): TurnOutcome => ({ score: 20, missingPointIds: [] });

describe('planQuotas', () => {
  it.each([
    [5, { intro: 1, technical: 1, behavioral: 1, situational: 1, closing: 1 }],
    [10, { intro: 1, technical: 3, behavioral: 3, situational: 2, closing: 1 }],
    [12, { intro: 1, technical: 4, behavioral: 3, situational: 3, closing: 1 }],
    [30, { intro: 1, technical: 11, behavioral: 8, situational: 9, closing: 1 }],
  ])('length %i', (length, expected) => {
    const q = planQuotas(length);
    expect(Object.values(q).reduce((s, n) => s + n, 0)).toBe(length);
    expect(q.intro).toBe(expected.intro);
    expect(q.closing).toBe(expected.closing);
    expect(q.technical + q.behavioral + q.situational).toBe(length - 2);
    expect(q.technical).toBeGreaterThanOrEqual(q.behavioral);
  });
});

describe('question strategy', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = simulate(backend, 42, 12, () => ({ score: 60, missingPointIds: [] }));
    const b = simulate(backend, 42, 12, () => ({ score: 60, missingPointIds: [] }));
    const c = simulate(backend, 7, 12, () => ({ score: 60, missingPointIds: [] }));
    expect(a.steps).toEqual(b.steps);
    expect(a.steps.map((s) => s.id)).not.toEqual(c.steps.map((s) => s.id));
  });

  it('runs the phases in order within their quotas and ends after `length` turns', () => {
    const { steps } = simulate(backend, 1, 12, () => ({ score: 60, missingPointIds: [] }));
    expect(steps).toHaveLength(12);
    const phases = steps.map((s) => s.phase);
    const order = phases.map((p) => PHASES.indexOf(p as (typeof PHASES)[number]));
    expect(order).toEqual([...order].sort((x, y) => x - y));
    expect(phases[0]).toBe('intro');
    expect(phases.at(-1)).toBe('closing');
    const quotas = planQuotas(12);
    for (const p of PHASES) expect(phases.filter((x) => x === p).length).toBe(quotas[p]);
  });

  it('never asks the same question twice', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { steps } = simulate(backend, seed, 30, () => ({ score: 60, missingPointIds: [] }));
      const main = steps.filter((s) => s.kind === 'question').map((s) => s.id);
      expect(new Set(main).size).toBe(main.length);
    }
  });

  it('raises difficulty after strong answers and lowers it after weak ones (exact path)', () => {
    const up = simulate(backend, 3, 12, strong).steps.filter(
      (s) => s.phase !== 'intro' && s.phase !== 'closing',
    );
    expect(up.map((s) => s.target)).toEqual([3, 4, 5, 5, 5, 5, 5, 5, 5, 5]);
    expect(up.at(-1)!.difficulty).toBeGreaterThanOrEqual(4);
    const down = simulate(backend, 3, 12, weak).steps.filter(
      (s) => s.phase !== 'intro' && s.phase !== 'closing',
    );
    expect(down.map((s) => s.target)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(down.every((s) => s.difficulty <= 2)).toBe(true);
  });

  it('follows up once when an answer misses an expected point that has a follow-up', () => {
    const withFollowUp = backend.questions.find(
      (q) => q.phase === 'technical' && q.followUps.some((f) => 'missingPoint' in f.when),
    )!;
    const fu = withFollowUp.followUps.find((f) => 'missingPoint' in f.when)!;
    const missing = (fu.when as { missingPoint: string }).missingPoint;
    // Force the question by making it the only technical question.
    const manifest: Manifest = {
      ...backend,
      questions: backend.questions.filter((q) => q.phase !== 'technical' || q.id === withFollowUp.id),
    };
    const { steps } = simulate(manifest, 9, 10, (id, isFollowUp) =>
      id === withFollowUp.id && !isFollowUp
        ? { score: 60, missingPointIds: [missing] }
        : { score: 60, missingPointIds: [] },
    );
    const ids = steps.map((s) => s.id);
    const at = ids.indexOf(withFollowUp.id);
    expect(ids[at + 1]).toBe(`${withFollowUp.id}/${fu.id}`);
    expect(ids.filter((i) => i.startsWith(`${withFollowUp.id}/`))).toHaveLength(1);
    // the technical quota (3) is filled by the question and its follow-up; the unused turn carries on
    expect(steps).toHaveLength(10);
  });

  it('does not follow up when the answer covered every point and scored well', () => {
    const { steps } = simulate(backend, 11, 12, () => ({ score: 80, missingPointIds: [] }));
    expect(steps.some((s) => s.kind === 'follow_up')).toBe(false);
  });

  it('balances competency coverage among equally fitting questions', () => {
    const { state } = simulate(backend, 5, 30, () => ({ score: 60, missingPointIds: [] }));
    const bank = new Map(backend.questions.map((q) => [q.id, q]));
    const counts = new Map<string, number>();
    for (const t of (state as StrategyState).turns) {
      for (const c of bank.get(t.questionId)!.competencies) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    // every competency of the bank is assessed in a long interview
    expect(counts.size).toBe(backend.competencies.length);
  });

  it('carries unused quota on when a phase runs out of questions', () => {
    const manifest: Manifest = {
      ...backend,
      questions: backend.questions.filter((q) => q.phase !== 'behavioral'),
    };
    const { steps } = simulate(manifest, 2, 12, () => ({ score: 60, missingPointIds: [] }));
    expect(steps).toHaveLength(12);
    expect(steps.some((s) => s.phase === 'behavioral')).toBe(false);
  });
});

describe('question strategy: an answer the evaluator could not judge', () => {
  const bank = new Map(backend.questions.map((q) => [q.id, q]));
  /** What an unscorable evaluation carries: score 0 and every expected point missed, flagged. */
  const unscorable = (id: string): TurnOutcome => ({
    score: 0,
    missingPointIds: bank.get(id)!.expectedPoints.map((p) => p.id),
    unscorable: true,
  });
  /** The same outcome judged: a real 0. */
  const zero = (id: string): TurnOutcome => ({ ...unscorable(id), unscorable: false });
  const middle = <T extends { phase: string }>(steps: T[]) =>
    steps.filter((s) => s.phase !== 'intro' && s.phase !== 'closing');

  it('moves the difficulty neither way and asks no follow-up', () => {
    const neutral = simulate(backend, 3, 12, (id) => unscorable(id)).steps;
    expect(middle(neutral).map((s) => s.target)).toEqual(Array(10).fill(START_DIFFICULTY));
    expect(neutral.some((s) => s.kind === 'follow_up')).toBe(false);
    expect(neutral).toHaveLength(12);

    // the same answers judged at 0 lower the difficulty and draw follow-ups
    const judged = simulate(backend, 3, 12, (id) => zero(id)).steps;
    expect(middle(judged).every((s) => s.target === 1)).toBe(true);
    expect(judged.some((s) => s.kind === 'follow_up')).toBe(true);
  });

  it('does not trigger a scoreBelow follow-up', () => {
    const question = backend.questions.find(
      (q) => q.phase === 'technical' && q.followUps.some((f) => 'scoreBelow' in f.when),
    )!;
    const fu = question.followUps.find((f) => 'scoreBelow' in f.when)!;
    // only this technical question, so it is asked
    const manifest: Manifest = {
      ...backend,
      questions: backend.questions.filter((q) => q.phase !== 'technical' || q.id === question.id),
    };
    const run = (outcome: (id: string) => TurnOutcome) => {
      const { steps } = simulate(manifest, 9, 10, (id, isFollowUp) =>
        id === question.id && !isFollowUp ? outcome(id) : { score: 60, missingPointIds: [] },
      );
      const at = steps.findIndex((s) => s.id === question.id);
      expect(at).toBeGreaterThan(-1);
      return { steps, at };
    };

    const low = run(() => ({ score: 0, missingPointIds: [] }));
    expect(low.steps[low.at + 1]!.id).toBe(`${question.id}/${fu.id}`);

    const neutral = run((id) => ({ ...unscorable(id), missingPointIds: [] }));
    expect(neutral.steps[neutral.at + 1]!.kind).toBe('question');
    expect(neutral.steps.some((s) => s.kind === 'follow_up')).toBe(false);
    // and the next question is chosen at the difficulty it was asked at
    expect(neutral.steps[neutral.at + 1]!.target).toBe(neutral.steps[neutral.at]!.target);
  });

  it('leaves the state as an answer with no outcome would', () => {
    const roleId = backend.roles[0]!.id;
    let { state } = advance(backend.questions, initialState(4, roleId, 10));
    // answer the intro, then the first technical question
    ({ state } = advance(backend.questions, state, { score: 60, missingPointIds: [] }));
    const asked = state.turns.at(-1)!;
    expect(asked.phase).toBe('technical');
    const afterUnscorable = advance(backend.questions, state, unscorable(asked.questionId));
    const afterNothing = advance(backend.questions, state);
    expect(afterUnscorable).toEqual(afterNothing);
    expect(afterUnscorable.state.difficulty).toBe(state.difficulty);
  });
});
