/**
 * Section `jobs`: evaluation jobs per second through BullMQ, next to no-op jobs in the same run.
 *
 * Evaluation: N interviews are started through the API, the `evaluation` queue is paused, one
 * answer is posted to each with `Prefer: respond-async` (the API stores it, enqueues the product's
 * `interview.evaluate-answer` job and answers 202), then the queue is resumed and timed until the
 * worker process (apps/worker/main.ts: processAnswer, the built-in evaluator, events, signal) has
 * completed all N. Each kind first runs an unmeasured warm-up round the same way.
 *
 * No-op: N jobs with the same payload shape and the options the product gave the evaluation jobs
 * (read back from one of them) on a queue of their own, consumed by test/bench/bare-worker.ts (a
 * BullMQ Worker configured as the product's, with a handler that returns at once), paused and
 * resumed the same way. Two floors next to it, the same with a handler that only runs the built-in
 * evaluator (no database), or only stores one row in a transaction: an evaluation job does both,
 * so neither rate is reachable for it. Completions
 * are counted from BullMQ's event stream (QueueEvents, from the stream's tail before the resume,
 * so none is missed).
 */
import { type JobsOptions, Queue, QueueEvents } from 'bullmq';
import {
  type BareKind,
  type BenchEnv,
  BULL_PREFIX,
  bullConnection,
  CONCURRENCY,
  done,
  forEach,
  progress,
  REDIS_URL,
  type Row,
  SECONDS,
  type SectionResult,
  say,
  spawnBareWorker,
  startInterview,
  WORKER_CONCURRENCY,
} from './lib.ts';

/** jobs per kind: 600 at the default 15 s */
export const JOBS = Math.max(100, Math.round(SECONDS * 40));
/** give up when no job completes for this long */
const STALL_MS = 60_000;

/** Resume a paused queue and time until every job in `ids` has completed. */
async function drain(
  env: BenchEnv,
  label: string,
  queue: Queue,
  ids: Set<string>,
): Promise<{ seconds: number; failedAttempts: number }> {
  const streamKey = `${BULL_PREFIX}:${queue.name}:events`;
  const tail = await env.redis.xrevrange(streamKey, '+', '-', 'COUNT', 1);
  const events = new QueueEvents(queue.name, {
    connection: bullConnection(REDIS_URL, true),
    prefix: BULL_PREFIX,
    lastEventId: tail[0]?.[0] ?? '0-0',
  });
  await events.waitUntilReady();
  const pending = new Set(ids);
  let failedAttempts = 0;
  let lastFailure = '';
  let lastFailedId = '';
  let lastAt = performance.now();
  let finishedAt = 0;
  const allDone = new Promise<void>((resolve) => {
    events.on('completed', ({ jobId }) => {
      if (pending.delete(jobId)) {
        lastAt = performance.now();
        if (pending.size === 0) {
          finishedAt = lastAt;
          resolve();
        }
      }
    });
  });
  events.on('failed', ({ jobId, failedReason }) => {
    if (ids.has(jobId)) {
      failedAttempts++;
      lastFailure = failedReason;
      lastFailedId = jobId;
    }
  });
  try {
    const startedAt = performance.now();
    await queue.resume();
    const tick = setInterval(() => {
      const secs = ((performance.now() - startedAt) / 1000).toFixed(1);
      progress(`${label}: ${ids.size - pending.size}/${ids.size} completed, ${secs}s`);
    }, 250);
    try {
      await Promise.race([
        allDone,
        new Promise<never>((_, reject) => {
          const check = setInterval(() => {
            if (pending.size === 0) clearInterval(check);
            else if (performance.now() - lastAt > STALL_MS) {
              clearInterval(check);
              const failedJob = lastFailedId ? queue.getJob(lastFailedId) : Promise.resolve(undefined);
              failedJob.then(
                (job) =>
                  reject(
                    new Error(
                      `${label}: ${pending.size} of ${ids.size} jobs not completed after ${STALL_MS / 1000}s ` +
                        `without progress (${failedAttempts} failed attempts; last: ${lastFailure || 'none'}` +
                        `${job ? `, job ${job.id} after ${job.attemptsMade} attempts:\n${job.stacktrace.at(-1)}` : ''})`,
                    ),
                  ),
                reject,
              );
            }
          }, 500);
        }),
      ]);
    } finally {
      clearInterval(tick);
    }
    progress(`${label}: ${ids.size}/${ids.size} completed`);
    done();
    return { seconds: (finishedAt - startedAt) / 1000, failedAttempts };
  } finally {
    await events.close();
  }
}

/** jobs per kind in the unmeasured warm-up round before each measured one (JIT, caches, pools) */
const WARMUP_JOBS = Math.max(50, Math.round(JOBS / 4));

export async function benchJobs(env: BenchEnv): Promise<SectionResult> {
  const section = 'jobs';
  const connection = bullConnection(REDIS_URL, false);
  const evaluation = new Queue('evaluation', { connection, prefix: BULL_PREFIX });
  const noop = new Queue('bench-noop', { connection, prefix: BULL_PREFIX });
  const evaluateQueue = new Queue('bench-evaluate', { connection, prefix: BULL_PREFIX });
  const storeQueue = new Queue('bench-store', { connection, prefix: BULL_PREFIX });
  let productOptions: JobsOptions | undefined;

  /** `count` answers posted async to fresh interviews while the queue is paused, then drained. */
  const evaluationRound = async (label: string, count: number) => {
    const interviews: { id: string; turn: number }[] = [];
    await forEach(`${label}: starting interviews`, count, CONCURRENCY, async (i) => {
      interviews[i] = await startInterview(env.api, env.bench.token, i);
    });
    await evaluation.pause();
    const ids = new Set<string>();
    await forEach(`${label}: answers with Prefer: respond-async`, count, CONCURRENCY, async (i) => {
      const iv = interviews[i]!;
      const res = await fetch(`${env.api}/interview/${iv.id}/answer`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${env.bench.token}`,
          prefer: 'respond-async',
        },
        body: JSON.stringify({ answerText: env.answers[i % env.answers.length], turn: iv.turn }),
      });
      const body = (await res.json()) as { turn: number };
      if (res.status !== 202) throw new Error(`answer ${res.status} ${JSON.stringify(body)}`);
      ids.add(`${iv.id}_${body.turn}`); // evaluateAnswerJobId, with BullMQ's ':' -> '_'
    });
    if (!productOptions) {
      // The options the product enqueued them with (attempts, backoff, retention), for the no-op jobs.
      const sample = await evaluation.getJob([...ids][0]!);
      if (!sample) throw new Error('the evaluation job of the first answer is not in the queue');
      const { attempts, backoff, removeOnComplete, removeOnFail } = sample.opts;
      productOptions = { attempts, backoff, removeOnComplete, removeOnFail };
    }
    return drain(env, label, evaluation, ids);
  };

  /** `count` jobs with the product's payload shape and options on a floor queue, paused, then drained. */
  const bareRound = async (queue: Queue, label: string, count: number, round: string) => {
    await queue.pause();
    const ids = new Set<string>();
    await forEach(`${label}: enqueueing`, count, CONCURRENCY, async (i) => {
      const jobId = `${queue.name}_${round}_${i}`;
      await queue.add(
        'bench.floor',
        { tenantId: env.bench.tenantId, interviewId: crypto.randomUUID(), turn: 1 },
        { ...productOptions, jobId },
      );
      ids.add(jobId);
    });
    return drain(env, label, queue, ids);
  };

  /** A warm-up and a measured round through a bare worker process running `kind`. */
  const floor = async (kind: BareKind, queue: Queue) => {
    const worker = await spawnBareWorker(env, kind, queue.name);
    try {
      await bareRound(queue, `${kind} warm-up`, WARMUP_JOBS, 'warm');
      return await bareRound(queue, `${kind} jobs`, JOBS, 'timed');
    } finally {
      await worker.stop();
    }
  };

  try {
    say(`Phase: ${JOBS} evaluation jobs (interview.evaluate-answer) through the worker process`);
    await evaluationRound('evaluation warm-up', WARMUP_JOBS);
    const evaluated = await evaluationRound('evaluation jobs', JOBS);

    say(`Phase: ${JOBS} no-op jobs through a BullMQ worker process configured as the product's`);
    const noops = await floor('noop', noop);
    say(
      `Phase: ${JOBS} evaluate-only jobs (the built-in evaluator on a golden answer; no database, no history)`,
    );
    const evaluateOnly = await floor('evaluate', evaluateQueue);
    say(`Phase: ${JOBS} store-only jobs (one INSERT in a transaction through pg; no evaluation)`);
    const storeOnly = await floor('store', storeQueue);

    const evalRate = JOBS / evaluated.seconds;
    const noopRate = JOBS / noops.seconds;
    const evaluateOnlyRate = JOBS / evaluateOnly.seconds;
    const storeOnlyRate = JOBS / storeOnly.seconds;
    const ratio = evalRate / noopRate;
    const rows: Row[] = [
      { section, run: 'no-op jobs (BullMQ)', count: JOBS, perSecond: noopRate },
      { section, run: 'floor: evaluate-only jobs (no database)', count: JOBS, perSecond: evaluateOnlyRate },
      {
        section,
        run: 'floor: store-only jobs (one INSERT, no evaluation)',
        count: JOBS,
        perSecond: storeOnlyRate,
      },
      { section, run: 'evaluation jobs (built-in evaluator)', count: JOBS, perSecond: evalRate },
    ];
    return {
      rows,
      notes: [
        `jobs: ${JOBS} of each kind after ${WARMUP_JOBS} unmeasured, worker concurrency ${WORKER_CONCURRENCY}, ` +
          `options as the product's (${JSON.stringify(productOptions)}); drained in ${evaluated.seconds.toFixed(2)}s ` +
          `(evaluation) and ${noops.seconds.toFixed(2)}s (no-op); failed attempts: ${evaluated.failedAttempts} and ${noops.failedAttempts}`,
        `jobs floors: evaluate-only jobs / no-op jobs: ${(evaluateOnlyRate / noopRate).toFixed(2)}x, ` +
          `store-only jobs / no-op jobs: ${(storeOnlyRate / noopRate).toFixed(2)}x: an evaluation job does both ` +
          '(and locks, reads the conversation, moves the interview on), so it cannot reach either',
      ],
      targets: [
        {
          label: 'evaluation jobs/s / no-op jobs/s',
          measured: `${ratio.toFixed(2)}x`,
          target: '>= 0.5x',
          ok: ratio >= 0.5,
        },
      ],
    };
  } finally {
    // never leave the product's queue paused
    await evaluation.resume().catch(() => undefined);
    for (const q of [noop, evaluateQueue, storeQueue]) {
      await q.obliterate({ force: true }).catch(() => undefined);
      await q.close();
    }
    await evaluation.close();
  }
}
