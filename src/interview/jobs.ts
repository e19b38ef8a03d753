import type { JobWorker } from '../jobs/index.ts';
import { handleSummariseConversation, summariseConversationJob } from './conversation/summarise.job.ts';
import type { InterviewDeps } from './deps.ts';
import { announceReportJob, handleAnnounceReport } from './report/finished.job.ts';
import { evaluateAnswerJob, handleEvaluateAnswer } from './turn/evaluate-answer.job.ts';

/** Register the interview engine's job handlers with a consumer (apps/worker, or the embedded API). */
export function registerInterviewJobs(worker: JobWorker, deps: InterviewDeps): void {
  worker.register(evaluateAnswerJob, handleEvaluateAnswer(deps));
  worker.register(announceReportJob, handleAnnounceReport(deps));
  worker.register(summariseConversationJob, handleSummariseConversation(deps));
}
