import { EvaluationRecord, InterviewTurn, withTenant } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import type { Evaluation } from '../evaluation/types.ts';
import { loadManifest } from '../plugins/index.ts';
import type { InterviewDeps } from './deps.ts';
import { loadLiveState, stateView } from './live-state.ts';
import type { AnswerResponse } from './record-answer.ts';
import { assembleReport, getInterview } from './reports.ts';

/**
 * The answer response for a processed turn, read back from the stored rows: the evaluation, the
 * reply stored with the next turn (or the closing), the live state, and the report when the
 * interview completed. Whoever processed the turn (a worker, this process), the answer is the same.
 */
export async function answerResult(
  deps: InterviewDeps,
  tenantId: string,
  interviewId: string,
  turn: number,
): Promise<AnswerResponse> {
  return withTenant(deps.orm, tenantId, async (em) => {
    const interview = await getInterview(em, interviewId);
    const evaluation = await em.findOne(EvaluationRecord, { interviewId, turn });
    if (!evaluation) throw new AppError('not_found', `Turn ${turn} has not been evaluated yet`);
    const next = await em.findOne(InterviewTurn, { interviewId, turn: turn + 1 });
    const manifest = await loadManifest(em, interview.pluginId, interview.pluginVersion);
    const live = await loadLiveState(em, deps.sessions, interview);
    const report =
      next || interview.status === 'in_progress' ? undefined : await assembleReport(em, interview);
    return {
      state: stateView(live, interview, manifest),
      nextReply: next?.reply ?? interview.closingReply ?? '',
      evaluation: { ...(evaluation.result as Evaluation), turn },
      ...(report ? { report } : {}),
    };
  });
}
