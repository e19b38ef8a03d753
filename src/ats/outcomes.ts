import type { InterviewOutcomes } from '../interview/index.ts';
import type { JobQueue } from '../jobs/index.ts';
import { enqueuePushes, recordPushes } from './push.job.ts';

/** The interview engine's outcome listener: an ATS-started interview's start and end are pushed back. */
export function atsOutcomes(jobs: JobQueue): InterviewOutcomes {
  return {
    started: (sql, tenantId, interviewId) => recordPushes(sql, tenantId, interviewId, 'started'),
    finished: (sql, tenantId, interviewId) => recordPushes(sql, tenantId, interviewId, 'finished'),
    send: (tenantId, ids) => enqueuePushes(jobs, tenantId, ids),
  };
}
