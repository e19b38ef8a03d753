import type { Manifest } from '../../plugins/index.ts';
import { advance, DEFAULT_LENGTH, initialState, type StrategyState, type TurnOutcome } from './strategy.ts';

export interface PreviewTurn {
  turn: number;
  phase: string;
  questionId: string;
  question: string;
  required: boolean;
}

/** An answer that moves nothing: no follow-up, difficulty kept (between weak and strong). */
const STEADY: TurnOutcome = { score: 55, missingPointIds: [] };

/**
 * The questions an interview on the bank would ask with `seed`, if every answer were middling:
 * what a recruiter previews of a design. Real interviews adapt (follow-ups, difficulty).
 */
export function previewInterview(
  manifest: Manifest,
  seed: number,
  roleId = manifest.roles[0]!.id,
): PreviewTurn[] {
  const settings = manifest.interview;
  let state: StrategyState = initialState(seed, roleId, settings?.length ?? DEFAULT_LENGTH, settings);
  const required = new Set(settings?.required ?? []);
  const turns: PreviewTurn[] = [];
  for (let i = 0; i < 60; i++) {
    const next = advance(manifest.questions, state, turns.length ? STEADY : undefined);
    if (next.step.kind === 'end') break;
    state = next.state;
    const q = next.step.question;
    turns.push({
      turn: turns.length + 1,
      phase: next.step.phase,
      questionId: q.id,
      question: next.step.kind === 'follow_up' ? next.step.followUp.text : q.text,
      required: required.has(q.id),
    });
  }
  return turns;
}
