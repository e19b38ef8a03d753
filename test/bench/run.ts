/**
 * `npm run bench`: the performance targets, each against a baseline measured in the same run,
 * against real PostgreSQL and Redis. The API runs in this process, the worker in its own (as
 * `npm start` and `npm run worker` do). Sections, in order:
 * - emit: emit-to-client p50/p99 with the Redis adapter vs the in-memory adapter
 * - turns: answer turns vs a bare transactional insert; answer turns with 5,000 idle sockets vs none
 * - jobs: evaluation jobs/s through BullMQ vs no-op jobs/s
 * - scoring (first, in this process): ms per answer of the built-in evaluator 2.0.0 next to 1.1.0
 *   (from git history) and to reading the text alone; 20,000-character answers under 50 ms
 * - llm (last): LLM mode against a stand-in with realistic timing: answer -> first streamed reply
 *   token on the candidate's socket vs one bare call; input tokens per 10-question interview
 * Next to each target a floor (test/bench/floors.ts): the least any implementation of the design
 * does, so the product can never be faster than it (the bare Redis hop, a bare turn, jobs that
 * only evaluate or only store).
 * Progress goes to stderr; stdout gets a markdown table of every result, notes, and a summary of
 * the targets (✔/✘).
 *
 * Env: BENCH_DATABASE_URL (a role that may create databases; default the local postgres),
 * BENCH_REDIS_URL (default redis://127.0.0.1:6379/8, flushed), BENCH_SECONDS (per load phase,
 * default 15), BENCH_CONCURRENCY (default 32), BENCH_ONLY (comma list of sections, default
 * `scoring,emit,turns,jobs,llm`), BENCH_WORKER_PROF (set: the worker writes a CPU profile to /tmp/prof-worker).
 */
import { cpus, loadavg } from 'node:os';
import { benchTurns, IDLE_SOCKETS } from './answer-turns.ts';
import { benchEmit, EMIT_RATE } from './emit.ts';
import { benchJobs, JOBS } from './jobs.ts';
import {
  type BenchEnv,
  CONCURRENCY,
  createBenchEnv,
  done,
  type Row,
  SECONDS,
  type SectionResult,
  say,
  type Target,
  WARMUP_SECONDS,
  WORKER_CONCURRENCY,
} from './lib.ts';
import { benchLlm } from './llm.ts';
import { benchScoring } from './scoring.ts';

// The sub-millisecond latency section first, while this process's heap is still small: after
// 5,000 sockets and the load phases its GC pauses land in both paths' tails, the Redis path's more.
const SECTIONS: Record<string, (env: BenchEnv) => Promise<SectionResult>> = {
  scoring: benchScoring,
  emit: benchEmit,
  turns: benchTurns,
  jobs: benchJobs,
  // last: it swaps the bench's worker for one with OPENAI_* set
  llm: benchLlm,
};

function selected(): string[] {
  const only = (process.env['BENCH_ONLY'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only.filter((s) => !(s in SECTIONS));
  if (unknown.length) {
    throw new Error(`BENCH_ONLY: unknown section ${unknown.join(', ')} (known: ${Object.keys(SECTIONS)})`);
  }
  return only.length ? Object.keys(SECTIONS).filter((s) => only.includes(s)) : Object.keys(SECTIONS);
}

const ms = (v: number | undefined) => (v === undefined ? '–' : v < 10 ? v.toFixed(2) : v.toFixed(1));

async function main() {
  const sections = selected();
  const startedAt = performance.now();
  const loadBefore = loadavg()[0]!;
  const results: { name: string; result?: SectionResult; error?: unknown }[] = [];
  const env = await createBenchEnv();
  try {
    for (const name of sections) {
      say(`\n== ${name} ==`);
      try {
        const waited = await env.settle();
        if (waited >= 1) {
          done();
          say(`  waited ${waited.toFixed(0)}s for PostgreSQL's autovacuum and the worker's last jobs`);
        }
        results.push({ name, result: await SECTIONS[name]!(env) });
      } catch (error) {
        say(`  ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
        results.push({ name, error });
      }
    }
  } finally {
    say('\nCleaning up');
    await env.close();
  }
  const wall = (performance.now() - startedAt) / 1000;

  const rows: Row[] = results.flatMap((r) => r.result?.rows ?? []);
  const targets: Target[] = results.flatMap((r) => r.result?.targets ?? []);
  const out: string[] = [];
  out.push(
    `## npm run bench: ${sections.join(', ')}`,
    '',
    `Settings: ${CONCURRENCY} concurrent clients, ${SECONDS}s per load phase (+${WARMUP_SECONDS}s warm-up), ` +
      `${IDLE_SOCKETS} idle sockets, ${JOBS} jobs per kind at worker concurrency ${WORKER_CONCURRENCY}, ` +
      `events at ${EMIT_RATE}/s. Machine: ${cpus().length} cores, load average ${loadBefore.toFixed(2)} ` +
      `before the run, ${loadavg()[0]!.toFixed(2)} after it.`,
    '',
    '| section | run | n | per second | p50 ms | p99 ms |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
  );
  for (const r of rows) {
    out.push(
      `| ${r.section} | ${r.run} | ${r.count} | ${r.perSecond === undefined ? '–' : r.perSecond.toFixed(1)} | ${ms(r.p50)} | ${ms(r.p99)} |`,
    );
  }
  const notes = results.flatMap((r) => (r.result?.notes ?? []).map((n) => `${r.name}: ${n}`));
  if (notes.length) out.push('', ...notes.map((n) => `- ${n}`));
  out.push('', '### Targets', '');
  for (const t of targets) out.push(`- ${t.ok ? '✔' : '✘'} ${t.label}: ${t.measured} (target ${t.target})`);
  for (const r of results.filter((r) => r.error)) {
    out.push(`- ✘ section ${r.name} failed: ${r.error instanceof Error ? r.error.message : r.error}`);
  }
  const met = targets.filter((t) => t.ok).length;
  out.push('', `${met} of ${targets.length} targets met; wall time ${wall.toFixed(0)}s.`);
  console.log(out.join('\n'));
  return results.some((r) => r.error) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
