import { type JobType, Queue } from 'bullmq';
import { BULLMQ_PREFIX, bullmqConnection } from './bullmq.ts';
import { QUEUES, type QueueName } from './types.ts';

/** Where a job BullMQ holds is: queued, running, or finished (kept a day, failed ones a week). */
export type StoredJobState =
  | 'waiting'
  | 'waiting-children'
  | 'prioritized'
  | 'delayed'
  | 'active'
  | 'completed'
  | 'failed';

/** (`waiting` includes a paused queue's jobs) */
const STATES: StoredJobState[] = [
  'waiting',
  'waiting-children',
  'prioritized',
  'delayed',
  'active',
  'completed',
  'failed',
];
const PAGE = 500;

export interface StoredJob {
  queue: QueueName;
  id: string;
  name: string;
  state: StoredJobState;
  data: unknown;
}

/** What to do with a job: remove it, keep it (reported), or nothing (not of interest). */
export type JobDecision = 'remove' | 'keep' | undefined;

/**
 * Every job BullMQ holds in every queue, each shown to `decide`; those it says to remove are
 * removed. A running job cannot be (its worker holds the lock): it is reported as kept. For tools
 * that must find jobs by what they carry (a candidate's erasure); it reads every job, so it is
 * for rare work, never a request's hot path.
 */
export async function sweepStoredJobs(
  redisUrl: string,
  decide: (job: StoredJob) => JobDecision,
): Promise<{ removed: StoredJob[]; kept: StoredJob[] }> {
  const removed: StoredJob[] = [];
  const kept: StoredJob[] = [];
  for (const name of QUEUES) {
    const queue = new Queue(name, { connection: bullmqConnection(redisUrl, false), prefix: BULLMQ_PREFIX });
    try {
      for (const state of STATES) {
        const chosen: StoredJob[] = [];
        for (let start = 0; ; start += PAGE) {
          const page = await queue.getJobs([state as JobType], start, start + PAGE - 1, true);
          for (const job of page) {
            if (!job?.id) continue;
            const stored: StoredJob = { queue: name, id: job.id, name: job.name, state, data: job.data };
            const decision = decide(stored);
            if (decision === 'keep' || (decision === 'remove' && state === 'active')) kept.push(stored);
            else if (decision === 'remove') chosen.push(stored);
          }
          if (page.length < PAGE) break;
        }
        // removed after the walk, so the pages above did not shift under it
        for (const job of chosen) {
          // 0: a worker took it meanwhile (locked)
          if ((await queue.remove(job.id)) === 1) removed.push(job);
          else kept.push(job);
        }
      }
    } finally {
      await queue.close();
    }
  }
  return { removed, kept };
}
