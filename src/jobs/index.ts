export {
  BULLMQ_PREFIX,
  bullmqConnection,
  bullmqJobOptions,
  bullmqQueue,
  bullmqWorker,
  bullmqWorkerOptions,
} from './bullmq.ts';
export { inProcessJobs } from './in-process.ts';
export { type JobDecision, type StoredJob, type StoredJobState, sweepStoredJobs } from './stored-jobs.ts';
export {
  defineJob,
  type EnqueueOptions,
  type JobContext,
  type JobDefinition,
  type JobHandler,
  type JobQueue,
  type JobWorker,
  QUEUES,
  type QueueName,
} from './types.ts';
