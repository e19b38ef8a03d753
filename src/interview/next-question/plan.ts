import type { InterviewerVoice, ReplyContext, ReplyHooks } from '../../ai/index.ts';
import type { Interview } from '../../db/index.ts';
import type { Evaluation } from '../../evaluation/index.ts';
import type { Manifest } from '../../plugins/index.ts';
import type { LiveState } from '../lifecycle/session-store.ts';
import { replyContext } from './replies.ts';
import { advance } from './strategy.ts';

/** The strategy's next step after an evaluation, and what the voice is to say for it. */
export interface Plan {
  state: ReturnType<typeof advance>['state'];
  step: ReturnType<typeof advance>['step'];
  /** the voice's input: the next reply's kind, phase and question */
  reply: ReplyContext;
}

/** The next step after a turn, with the reply worded. */
export interface PlannedStep extends Omit<Plan, 'reply'> {
  /** what the plan was made from: it holds under the lock only for the evaluation stored */
  evaluation: Evaluation;
  reply: string;
}

/** The plan after `evaluation`: the strategy decides, from the evaluation alone. */
export function planFrom(
  interview: Pick<Interview, 'roleTitle' | 'length'>,
  manifest: Manifest,
  live: LiveState,
  evaluation: Evaluation,
): Plan {
  const outcome = {
    score: evaluation.score,
    missingPointIds: evaluation.coverage.filter((p) => !p.covered).map((p) => p.pointId),
    // an answer that could not be judged is neutral: no follow-up, no difficulty change
    unscorable: Boolean(evaluation.unscorable),
  };
  const { state, step } = advance(manifest.questions, live.strategy, outcome);
  const previous = live.strategy.turns.at(-1)!;
  const setting = {
    company: live.names.company,
    roleTitle: interview.roleTitle,
    candidateName: live.names.candidate,
    totalTurns: interview.length,
  };
  return { state, step, reply: replyContext(setting, step, previous.turn + 1, previous.phase) };
}

/** The plan after `evaluation`, its reply worded by `voice`. */
export async function planNext(
  voice: InterviewerVoice,
  interview: Pick<Interview, 'roleTitle' | 'length'>,
  manifest: Manifest,
  live: LiveState,
  evaluation: Evaluation,
  hooks?: ReplyHooks,
): Promise<PlannedStep> {
  const plan = planFrom(interview, manifest, live, evaluation);
  return { evaluation, state: plan.state, step: plan.step, reply: await voice.compose(plan.reply, hooks) };
}
