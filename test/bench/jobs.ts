/**
 * Section `jobs`: evaluation jobs per second through BullMQ, next to no-op jobs in the same run.
 *
 * Evaluation: N interviews are started through the API, the `evaluation` queue is paused, one
 * answer is posted to each with `Prefer: respond-async` (the API stores it, enqueues the product's
 * `interview.evaluate-answer` job and answers 202), then the queue is resumed and timed until the
 * worker process (apps/worker/main.ts: processAnswer, the built-in evaluator, events, signal) has
 * completed all N. Each kind first runs an unmeasured warm-up round the same way.
 *
 * No-op: 4N jobs with the same payload shape and the product's evaluation job options
 * (`bullmqJobOptions`) on a queue of their own, consumed by test/bench/bare-worker.ts (a BullMQ
 * Worker with the product's worker options and a handler that returns at once), paused and
 * resumed the same way. Two floors next to it, the same with a handler that only runs the built-in
 * evaluator (no database), or only stores one row (one INSERT): an evaluation job does both, so
 * neither rate is reachable for it. Completions are counted from BullMQ's event stream
 * (QueueEvents, from the stream's tail before the resume, so none is missed).
 */
import { type Queue, QueueEvents } from 'bullmq';
import { evaluateAnswerJob } from '../../src/interview/turn/evaluate-answer.job.ts';
import { bullmqJobOptions } from '../../src/jobs/index.ts';
import type { BareKind } from './floors.ts';
import {
  type BenchEnv,
  BULL_PREFIX,
  benchQueue,
  bullConnection,
  CONCURRENCY,
  disposeQueue,
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
/** no-op jobs drain ten times faster: more of them, so the rate is not a fraction of a second's noise */
const NOOP_JOBS = JOBS * 4;
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
  const evaluation = benchQueue('evaluation');
  const floorQueues: Queue[] = [];
  // The options the product enqueues an evaluation with (attempts, backoff, retention).
  const productOptions = bullmqJobOptions(evaluateAnswerJob);

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

  /** A warm-up and a measured round of `count` jobs through a bare worker process running `kind`. */
  const floor = async (kind: BareKind, count: number) => {
    await env.settle();
    const queue = benchQueue(`bench-${kind}`);
    floorQueues.push(queue);
    const worker = await spawnBareWorker(env, kind, queue.name);
    try {
      await bareRound(queue, `${kind} warm-up`, WARMUP_JOBS, 'warm');
      const measured = await bareRound(queue, `${kind} jobs`, count, 'timed');
      return { ...measured, count, perSecond: count / measured.seconds };
    } finally {
      await worker.stop();
    }
  };

  try {
    say(`Phase: ${JOBS} evaluation jobs (interview.evaluate-answer) through the worker process`);
    await evaluationRound('evaluation warm-up', WARMUP_JOBS);
    const evaluated = await evaluationRound('evaluation jobs', JOBS);
    const evalRate = JOBS / evaluated.seconds;

    say(`Phase: ${NOOP_JOBS} no-op jobs through a BullMQ worker process with the product's options`);
    const noops = await floor('noop', NOOP_JOBS);
    const rows: Row[] = [
      { section, run: 'no-op jobs (BullMQ)', count: NOOP_JOBS, perSecond: noops.perSecond },
      { section, run: 'evaluation jobs (built-in evaluator)', count: JOBS, perSecond: evalRate },
    ];
    const notes = [
      `jobs: ${JOBS} evaluation jobs and ${NOOP_JOBS} no-op jobs (more: they drain in a fraction of a second), ` +
        `each after ${WARMUP_JOBS} unmeasured, worker concurrency ${WORKER_CONCURRENCY}, the product's job options ` +
        `(${JSON.stringify(productOptions)}); drained in ${evaluated.seconds.toFixed(2)}s (evaluation) and ` +
        `${noops.seconds.toFixed(2)}s (no-op); failed attempts: ${evaluated.failedAttempts} and ${noops.failedAttempts}; ` +
        `evaluation / no-op: ${(evalRate / noops.perSecond).toFixed(2)}x (for reference)`,
    ];

    // The floors: what an evaluation job could reach at best. A failure costs only its own row.
    const floors: string[] = [];
    let evaluateOnly: number | undefined;
    for (const [kind, run] of [
      ['evaluate', 'floor: evaluate-only jobs (no database)'],
      ['store', 'floor: store-only jobs (one INSERT, no evaluation)'],
    ] as const) {
      say(`Phase: ${JOBS} ${run.replace('floor: ', '')}`);
      try {
        const measured = await floor(kind, JOBS);
        rows.push({ section, run, count: JOBS, perSecond: measured.perSecond });
        if (kind === 'evaluate') evaluateOnly = measured.perSecond;
        floors.push(
          `${kind}-only / no-op: ${(measured.perSecond / noops.perSecond).toFixed(2)}x` +
            (measured.failedAttempts ? ` (${measured.failedAttempts} failed attempts)` : ''),
        );
      } catch (err) {
        say(`  ${kind} floor failed: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
        floors.push(`${kind}-only: failed (${err instanceof Error ? err.message : err})`);
      }
    }
    notes.push(
      `jobs floors: ${floors.join(', ')}; an evaluation job evaluates and stores (and locks, reads the ` +
        'conversation, moves the interview on), so it reaches neither',
    );
    return {
      rows,
      notes,
      // against the floor of an evaluation job: evaluating alone, measured in this run
      targets: [
        evaluateOnly
          ? {
              label: 'evaluation jobs/s / evaluate-only jobs/s',
              measured: `${(evalRate / evaluateOnly).toFixed(2)}x`,
              target: '>= 0.7x',
              ok: evalRate / evaluateOnly >= 0.7,
            }
          : {
              label: 'evaluation jobs against the evaluate-only floor',
              measured: 'floor failed',
              target: '-',
              ok: false,
            },
      ],
    };
  } finally {
    // never leave the product's queue paused
    await evaluation.resume().catch(() => undefined);
    await evaluation.close().catch(() => undefined);
    for (const q of floorQueues) await disposeQueue(q);
  }
}
