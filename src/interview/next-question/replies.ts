import type { InterviewerVoice, ReplyContext, ReplyHooks } from '../../ai/index.ts';
import { createTemplateVoice } from '../../ai/index.ts';
import type { Phase } from '../../plugins/index.ts';
import type { Step } from './strategy.ts';

export interface ReplySetting {
  company: string;
  roleTitle: string;
  candidateName: string;
  totalTurns: number;
}

const TEMPLATE_VOICE = createTemplateVoice();

/**
 * The voice to use inside a transaction: the configured one when it is local, else the templates.
 * A remote voice (an LLM) must never hold a database connection or a row lock while it waits.
 */
export const inTransactionVoice = (voice: InterviewerVoice): InterviewerVoice =>
  voice.local ? voice : TEMPLATE_VOICE;

/** The candidate's first name only: the interviewer greets people, it does not need more. */
export const firstName = (name: string) => name.trim().split(/\s+/)[0] || undefined;

/**
 * What the interviewer says for a step: the greeting with the first question, a transition when
 * the phase changes, the follow-up or question itself, or the closing.
 */
export function composeReply(
  voice: InterviewerVoice,
  setting: ReplySetting,
  step: Step,
  turn: number,
  previousPhase: Phase | undefined,
  hooks?: ReplyHooks,
): Promise<string> {
  return voice.compose(replyContext(setting, step, turn, previousPhase), hooks);
}

/** The voice's input for a step (see composeReply). */
export function replyContext(
  setting: ReplySetting,
  step: Step,
  turn: number,
  previousPhase: Phase | undefined,
): ReplyContext {
  const base = {
    company: setting.company,
    roleTitle: setting.roleTitle,
    candidateFirstName: firstName(setting.candidateName),
    turn,
    totalTurns: setting.totalTurns,
  };
  if (step.kind === 'end') return { ...base, kind: 'closing', phase: previousPhase ?? 'closing' };
  const questionText = step.kind === 'follow_up' ? step.followUp.text : step.question.text;
  const kind = !previousPhase
    ? 'greeting'
    : step.kind === 'follow_up'
      ? 'follow_up'
      : step.phase !== previousPhase
        ? 'transition'
        : 'question';
  return { ...base, kind, phase: step.phase, previousPhase, questionText };
}
