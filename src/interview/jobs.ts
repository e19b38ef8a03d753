import type { JobWorker } from '../jobs/index.ts';
import type { InterviewDeps } from './deps.ts';
import { evaluateAnswerJob, handleEvaluateAnswer } from './evaluate-answer.job.ts';
import { announceReportJob, handleAnnounceReport } from './finished.job.ts';
import { handleSummariseConversation, summariseConversationJob } from './summarise.job.ts';

/** Register the interview engine's job handlers with a consumer (apps/worker, or the embedded API). */
export function registerInterviewJobs(worker: JobWorker, deps: InterviewDeps): void {
  worker.register(evaluateAnswerJob, handleEvaluateAnswer(deps));
  worker.register(announceReportJob, handleAnnounceReport(deps));
  worker.register(summariseConversationJob, handleSummariseConversation(deps));
}
