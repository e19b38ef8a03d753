/**
 * Section `llm`: LLM mode against a local OpenAI stand-in with fixed timing (400 ms to the first
 * token, 15 ms per token after it; test/helpers/openai-stand-in.ts, usage and prompt caching as
 * OpenAI reports them). The section runs its own API (createApp + Socket.IO on the Redis
 * adapter, OPENAI_* set, so the greeting is worded by the model too) and swaps the bench's worker
 * for one with OPENAI_* set. LLM_INTERVIEWS candidates (8) take a 10-question interview at once
 * through their join links, answering with the bundled golden answers (or the question's
 * reference answer where a question has none) over the candidate API, each with its own socket
 * in its interview's room.
 *
 * Measured: the time from posting an answer to the first streamed piece of the next reply on the
 * candidate's socket (`interview.reply.delta`), p50/p99, against one bare streamed call to the
 * stand-in (a short reply, measured to its first token) made again and again during the same
 * phase; the input and output tokens per completed interview (the `llm_usage` rows), the share of
 * input in the fixed prefix (response schema and prompt text) and the share the stand-in served
 * from its cache. Targets: p50 <= 1.2x the bare call; <= 25,000 input tokens per interview.
 *
 * The stand-in grades like the banks' authors: a golden answer labelled strong gets level 4 with
 * every point covered, average level 3 with half of them, weak level 2 with none; a reference
 * answer counts as strong. Where that disagrees with the built-in evaluator on what comes next,
 * the product words the reply a second time (the notes say how often).
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { loadConfig } from '../../src/config/index.ts';
import { withTenantSql } from '../../src/db/index.ts';
import { createApp, createServices } from '../../src/http/index.ts';
import { createLogger } from '../../src/observability/index.ts';
import { BUNDLED_PLUGINS_DIR, type Manifest } from '../../src/plugins/index.ts';
import {
  attachRealtime,
  candidateAuthorizer,
  SOCKET_PATH,
  staffAuthorizer,
} from '../../src/realtime/index.ts';
import { delimited, isReplyCall, isTurnCall, reworded, rubricOf } from '../helpers/llm-turn-stand-in.ts';
import { type CapturedRequest, type StandInReply, startStandIn } from '../helpers/openai-stand-in.ts';
import {
  type BenchEnv,
  done,
  listen,
  percentile,
  progress,
  REDIS_URL,
  type SectionResult,
  say,
  sleep,
  spawnNode,
  type Target,
  WORKER_CONCURRENCY,
} from './lib.ts';

export const LLM_INTERVIEWS = Number(process.env['BENCH_LLM_INTERVIEWS'] ?? 8);
const LENGTH = 10;
const FIRST_TOKEN_MS = 400;
const TOKEN_MS = 15;
const ROLES = ['backend-engineer', 'data-analyst', 'product-manager', 'frontend-engineer'];
/**
 * An LLM turn holds its job slot while the model writes (seconds, on the network, not the CPU),
 * and one tenant gets at most half the slots: at the other sections' 16, this tenant's 8
 * interviews would fill its share and every summary or report job of theirs would wait behind a
 * whole turn. LLM mode wants more slots (docs/llm.md).
 */
const LLM_WORKER_CONCURRENCY = 4 * WORKER_CONCURRENCY;

type Label = 'strong' | 'average' | 'weak';

/** Every bundled bank by plugin id, and every answer the bench sends with its label. */
function answerBook() {
  const banks = readdirSync(BUNDLED_PLUGINS_DIR).map(
    (dir) => JSON.parse(readFileSync(path.join(BUNDLED_PLUGINS_DIR, dir, 'plugin.json'), 'utf8')) as Manifest,
  );
  const label = new Map<string, Label>();
  const byQuestion = new Map<string, string>();
  for (const bank of banks) {
    for (const g of bank.goldenAnswers) {
      label.set(g.answer.trim(), g.label ?? 'average');
      if (!byQuestion.has(g.questionId)) byQuestion.set(g.questionId, g.answer);
    }
    for (const q of bank.questions) {
      if (!byQuestion.has(q.id) && q.referenceAnswer) byQuestion.set(q.id, q.referenceAnswer);
      if (q.referenceAnswer) label.set(q.referenceAnswer.trim(), 'strong');
    }
  }
  return {
    answerFor: (questionId: string) => byQuestion.get(questionId) ?? 'I would start by measuring it.',
    labelOf: (answer: string): Label => label.get(answer.trim()) ?? 'weak',
  };
}

const LEVEL: Record<Label, number> = { strong: 4, average: 3, weak: 2 };

/** The first `words` words of each sentence of the answer: verbatim quotes, as a model cites them. */
function quotes(answer: string, words: number): string[] {
  return answer
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.split(/\s+/).slice(0, words).join(' '))
    .filter((s) => s.length > 10);
}

/** A realistic turn response: the reply, then the grading with quotes and rationales. */
function turnResponse(req: CapturedRequest, labelOf: (a: string) => Label): string {
  const answer = delimited(req, 'candidate_answer') ?? '';
  const label = labelOf(answer);
  const { criteria, points } = rubricOf(req);
  const q = quotes(answer, 12);
  const covered = (i: number) => label === 'strong' || (label === 'average' && i < points.length / 2);
  return JSON.stringify({
    reply: reworded(delimited(req, 'interviewer_draft') ?? ''),
    redFlags: [],
    coverage: points.map((pointId, i) => ({
      pointId,
      covered: covered(i),
      evidence: covered(i) ? (q[i % Math.max(1, q.length)] ?? null) : null,
    })),
    criteria: criteria.map((criterionId, i) => ({
      criterionId,
      evidence: q.slice(i, i + 2),
      rationale: `The answer matches the level ${LEVEL[label]} anchor: it names the approach and the reasons for it, with a concrete example, but leaves some of the trade-offs the rubric asks for implicit.`,
      level: LEVEL[label],
    })),
    summary: `A ${label} answer: it explains the approach with a concrete example and names the main trade-off.`,
  });
}

interface Sample {
  /** answer posted -> first piece of the next reply on the candidate's socket */
  firstPieceMs: number;
  /** answer posted -> the HTTP response with the whole turn */
  turnMs: number;
}

export async function benchLlm(env: BenchEnv): Promise<SectionResult> {
  const book = answerBook();
  const standIn = await startStandIn({ firstTokenMs: FIRST_TOKEN_MS, tokenMs: TOKEN_MS });
  standIn.reply((req): StandInReply => {
    if (isTurnCall(req)) return { content: turnResponse(req, book.labelOf) };
    if (isReplyCall(req)) return { content: reworded(delimited(req, 'interviewer_draft') ?? '') };
    return { content: 'Thanks. Next question: how would you keep a cache consistent with its database?' };
  });
  const openai = { OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: standIn.baseURL, OPENAI_MODEL: 'gpt-bench' };

  // The worker and the API of this section run with OPENAI_* set.
  say('  swapping the worker for one with OPENAI_* set');
  await env.worker.stop();
  const worker = await spawnNode(
    'apps/worker/main.ts',
    {
      DATABASE_URL: env.ownerUrl,
      REDIS_URL,
      JWT_SECRET: env.jwtSecret,
      LOG_LEVEL: 'silent',
      WORKER_CONCURRENCY: String(LLM_WORKER_CONCURRENCY),
      ...openai,
    },
    'worker ready',
  );
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    JWT_SECRET: env.jwtSecret,
    REDIS_URL,
    AUTH_RATE_LIMIT: '1000000',
    JOIN_RATE_LIMIT: '1000000',
    ...openai,
  });
  const services = await createServices({
    config,
    orm: env.orm,
    logger: createLogger('silent'),
    jwtSecret: env.jwtSecret,
    redis: env.redis,
  });
  const { port, server } = await listen(createApp(services).fetch);
  const realtime = await attachRealtime({
    httpServer: server as unknown as HttpServer,
    orm: env.orm,
    authorizer: staffAuthorizer(env.orm, services.tokens, candidateAuthorizer(services.tokens)),
    redis: env.redis,
  });
  services.realtime.target = realtime.emitter;
  const api = `http://127.0.0.1:${port}/api/v1`;
  const sockets: Socket[] = [];
  const post = async (url: string, init: { token?: string; body?: unknown } = {}) => {
    const res = await fetch(`${api}${url}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    // biome-ignore lint/suspicious/noExplicitAny: bench responses are read loosely
    const body = (await res.json()) as any;
    if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(body)}`);
    return body;
  };

  try {
    // The baseline: one bare streamed call to the stand-in, to its first token, again and again.
    const bare: number[] = [];
    let measuring = true;
    const bareLoop = (async () => {
      const client = standIn.client({ timeout: 30_000 });
      while (measuring) {
        const t0 = performance.now();
        const stream = await client.chat.completions.create({
          model: 'gpt-bench',
          messages: [{ role: 'user', content: 'Ask me the next interview question.' }],
          stream: true,
        });
        let first: number | undefined;
        for await (const chunk of stream) {
          if (first === undefined && chunk.choices[0]?.delta?.content) first = performance.now() - t0;
        }
        if (first !== undefined) bare.push(first);
        await sleep(200);
      }
    })();

    const samples: Sample[] = [];
    const interviews: string[] = [];
    let secondCalls = 0;
    const usagesBefore = standIn.usages.length;
    const startedAt = performance.now();
    const tick = setInterval(
      () =>
        progress(
          `llm: ${samples.length}/${LLM_INTERVIEWS * LENGTH} turns, ${((performance.now() - startedAt) / 1000).toFixed(0)}s`,
        ),
      1000,
    );
    await Promise.all(
      Array.from({ length: LLM_INTERVIEWS }, async (_, i) => {
        const scheduled = await post('/admin/schedule', {
          token: env.bench.token,
          body: {
            candidateEmail: `llm-${i}-${Date.now()}@example.com`,
            candidateName: `Candidate ${i}`,
            role: ROLES[i % ROLES.length],
            scheduledAt: new Date().toISOString(),
          },
        });
        const link = (scheduled.joinUrl as string).split('/join/')[1]!;
        const started = await post(`/public/join/${link}/start`);
        const { interviewId, candidateToken } = started as { interviewId: string; candidateToken: string };
        interviews.push(interviewId);
        // the candidate's socket, in its interview's room: the first piece of each reply
        const firstPiece = new Map<number, number>();
        const socket = io(`http://127.0.0.1:${port}`, {
          path: SOCKET_PATH,
          transports: ['websocket'],
          auth: { token: candidateToken },
          forceNew: true,
          reconnection: false,
        });
        sockets.push(socket);
        socket.on('interview.reply.delta', (d: { turn: number; seq: number; restart: boolean }) => {
          if (d.seq === 0) firstPiece.set(d.turn, performance.now());
          if (d.restart) secondCalls++;
        });
        await new Promise<void>((resolve, reject) => {
          socket.once('connect', () => resolve());
          socket.once('connect_error', reject);
        });
        let state = started.state as {
          status: string;
          currentQuestion: { questionId: string; turn: number };
        };
        while (state.status === 'in_progress') {
          const q = state.currentQuestion;
          const t0 = performance.now();
          const res = await post(`/interview/${interviewId}/answer`, {
            token: candidateToken,
            body: { answerText: book.answerFor(q.questionId), turn: q.turn },
          });
          const turnMs = performance.now() - t0;
          const first = firstPiece.get(q.turn + 1);
          if (first !== undefined) samples.push({ firstPieceMs: first - t0, turnMs });
          state = res.state;
        }
      }),
    );
    clearInterval(tick);
    done();
    measuring = false;
    await bareLoop;

    // Tokens per completed interview, as the llm_usage rows recorded them.
    const [usage] = await withTenantSql(env.orm, env.bench.tenantId, (sql) =>
      sql<{ calls: number; prompt: number; cached: number; completion: number }>(
        `select count(*)::int as calls, sum(prompt_tokens)::int as prompt, sum(cached_tokens)::int as cached,
                sum(completion_tokens)::int as completion
           from llm_usage where tenant_id = ? and interview_id = any(?::uuid[])`,
        [env.bench.tenantId, `{${interviews.join(',')}}`],
      ),
    );
    // the product's calls (the bare calls ask for no usage, and are left out)
    const requests = standIn.requests.filter((r) => r.body.stream_options?.include_usage);
    const turnCalls = requests.filter(isTurnCall);
    const part = (f: (r: CapturedRequest) => string) =>
      Math.round(turnCalls.reduce((n, r) => n + f(r).length, 0) / 4 / Math.max(1, turnCalls.length));
    const system = (r: CapturedRequest) => r.body.messages[0].content as string;
    const fixed = (r: CapturedRequest) =>
      JSON.stringify(r.body.response_format.json_schema) + system(r).split('\n# This interview')[0]!;
    const breakdown = {
      fixed: part(fixed),
      question: part((r) => system(r).slice(system(r).indexOf('\n# This interview'))),
      reference: part((r) => delimited(r, 'reference_answer') ?? ''),
      earlier: part((r) => delimited(r, 'earlier_answers') ?? ''),
      answer: part((r) => delimited(r, 'candidate_answer') ?? ''),
      draft: part((r) => delimited(r, 'interviewer_draft') ?? ''),
    };
    const fixedTokens = breakdown.fixed * turnCalls.length;
    const reported = standIn.usages.slice(usagesBefore);
    const input = reported.reduce((n, u) => n + u.prompt_tokens, 0);
    const cached = reported.reduce((n, u) => n + u.prompt_tokens_details.cached_tokens, 0);
    const output = reported.reduce((n, u) => n + u.completion_tokens, 0);
    const perInterview = (n: number) => n / Math.max(1, interviews.length);

    const first = samples.map((s) => s.firstPieceMs).sort((a, b) => a - b);
    const whole = samples.map((s) => s.turnMs).sort((a, b) => a - b);
    bare.sort((a, b) => a - b);
    const p50 = percentile(first, 0.5);
    const p99 = percentile(first, 0.99);
    const bare50 = percentile(bare, 0.5);
    const bare99 = percentile(bare, 0.99);
    const inputPerInterview = perInterview(input);
    const targets: Target[] = [
      {
        label: 'llm: answer posted -> first reply token on the socket, p50 vs one bare call',
        measured: `${(p50 / bare50).toFixed(2)}x (${p50.toFixed(0)} ms vs ${bare50.toFixed(0)} ms)`,
        target: '<= 1.2x',
        ok: p50 <= 1.2 * bare50,
      },
      {
        label: 'llm: input tokens per completed 10-question interview',
        measured: `${Math.round(inputPerInterview)}`,
        target: '<= 25000',
        ok: inputPerInterview <= 25_000,
      },
    ];
    const notes = [
      `stand-in: ${FIRST_TOKEN_MS} ms to the first token, ${TOKEN_MS} ms per token; ${interviews.length} interviews of ${LENGTH} questions at once, ${samples.length} turns measured; worker concurrency ${LLM_WORKER_CONCURRENCY}`,
      `first reply token p99 ${p99.toFixed(0)} ms = ${(p99 / bare50).toFixed(2)}x the bare call's p50 (bare p99 ${bare99.toFixed(0)} ms, ${bare.length} bare calls); whole turn (HTTP response) p50 ${percentile(whole, 0.5).toFixed(0)} ms, p99 ${percentile(whole, 0.99).toFixed(0)} ms`,
      `per completed interview: ${Math.round(inputPerInterview)} input tokens (${Math.round(perInterview(cached))} cached), ${Math.round(perInterview(output))} output tokens, ${(requests.length / Math.max(1, interviews.length)).toFixed(1)} calls (${(turnCalls.length / Math.max(1, interviews.length)).toFixed(1)} turn calls, ${((requests.length - turnCalls.length) / Math.max(1, interviews.length)).toFixed(1)} reply-only: the greeting and ${(secondCalls / Math.max(1, interviews.length)).toFixed(1)} replies worded again after the plan changed)`,
      `input in the fixed prefix (response schema + prompt text): ${((100 * fixedTokens) / Math.max(1, input)).toFixed(0)} %; served from the stand-in's prompt cache: ${((100 * cached) / Math.max(1, input)).toFixed(0)} %`,
      `a turn call's input, mean tokens: fixed prefix ${breakdown.fixed}, interview + question + points + rubric ${breakdown.question}, reference answer ${breakdown.reference}, earlier turns ${breakdown.earlier}, answer ${breakdown.answer}, draft ${breakdown.draft}`,
      `llm_usage rows: ${usage?.calls} calls, ${usage?.prompt} input / ${usage?.cached} cached / ${usage?.completion} output tokens (the stand-in reported ${reported.length} calls, ${input} / ${cached} / ${output})`,
    ];
    return {
      rows: [
        {
          section: 'llm',
          run: 'bare call to the stand-in, to its first token',
          count: bare.length,
          p50: bare50,
          p99: bare99,
        },
        { section: 'llm', run: 'answer -> first reply token on the socket', count: first.length, p50, p99 },
        {
          section: 'llm',
          run: 'answer -> whole turn (HTTP response)',
          count: whole.length,
          p50: percentile(whole, 0.5),
          p99: percentile(whole, 0.99),
        },
      ],
      targets,
      notes,
    };
  } finally {
    for (const s of sockets) s.close();
    await realtime.close(); // closes the HTTP server too
    await services.close();
    await worker.stop();
    await standIn.close();
  }
}
