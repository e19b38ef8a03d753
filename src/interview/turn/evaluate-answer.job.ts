import { z } from 'zod';
import { defineJob } from '../../jobs/index.ts';
import type { InterviewDeps } from '../deps.ts';
import { stateView } from '../lifecycle/live-state.ts';
import { processAnswer } from './process-answer.ts';
import type { AnswerResponse } from './record-answer.ts';

/**
 * Evaluate a stored answer and move the interview on. jobId `<interview>:<turn>` dedupes
 * enqueues; processAnswer's unique keys make a re-run (a worker killed mid-job) a no-op.
 */
export const evaluateAnswerJob = defineJob({
  name: 'interview.evaluate-answer',
  queue: 'evaluation',
  schema: z.object({ tenantId: z.uuid(), interviewId: z.uuid(), turn: z.number().int().min(1) }),
  retry: { attempts: 5, backoffMs: 500 },
});

export const evaluateAnswerJobId = (interviewId: string, turn: number) => `${interviewId}:${turn}`;

/**
 * The handler: process, then tell clients (Socket.IO) and any waiting API request. A finished
 * interview is announced by its own job (announce-report), enqueued by processAnswer.
 */
export function handleEvaluateAnswer(deps: InterviewDeps) {
  return async (p: z.infer<typeof evaluateAnswerJob.schema>) => {
    const r = await processAnswer(deps, p.tenantId, p.interviewId, p.turn);
    const { interviewId } = p;
    deps.events.emit(p.tenantId, 'interview.evaluated', {
      interviewId,
      turn: p.turn,
      score: r.evaluation.score,
      summary: r.evaluation.summary,
      evaluator: r.evaluation.evaluator.name,
      unscorable: r.evaluation.unscorable ? { reason: r.evaluation.unscorable.reason } : null,
    });
    if (r.next && !r.rerun) {
      deps.events.emit(p.tenantId, 'interview.turn', {
        interviewId,
        turn: r.next.turn,
        kind: r.next.kind,
        phase: r.next.phase,
        questionId: r.next.questionId,
        reply: r.next.reply,
      });
    }

    // The waiting API request gets the finished response with the signal (no second read).
    const response: AnswerResponse = {
      state: stateView(r.live, r.interview, r.manifest),
      nextReply: r.reply,
      evaluation: { ...r.evaluation, turn: p.turn },
      ...(r.report ? { report: r.report } : {}),
    };
    await deps.signals.notify(interviewId, p.turn, JSON.stringify(response));
  };
}
