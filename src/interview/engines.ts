import type { Redis } from 'ioredis';
import {
  createExtractiveSummarizer,
  createLlmVoice,
  createOpenAiClient,
  createTemplateVoice,
} from '../ai/index.ts';
import type { Config } from '../config/index.ts';
import type { Orm } from '../db/index.ts';
import { createBuiltinEvaluator, createLlmEvaluator } from '../evaluation/index.ts';
import type { JobQueue } from '../jobs/index.ts';
import type { Logger, Metrics } from '../observability/index.ts';
import type { RealtimeEmitter, TurnSignals } from '../realtime/index.ts';
import type { InterviewDeps } from './deps.ts';
import { memorySessionStore, redisSessionStore } from './lifecycle/session-store.ts';
import { memoryAnswerPace, redisAnswerPace, unpaced } from './turn/answer-pace.ts';
import { createTurnModel } from './turn/model-turn.ts';

/** The candidate is waiting: a rephrased reply that takes longer than this uses the template. */
const VOICE_DEADLINE_MS = 8_000;

/**
 * The interview engine's adapters for a configuration: Redis or in-memory live state, and the
 * built-in evaluator, template voice and extractive summaries, or their LLM versions (each of
 * which falls back to the built-in one) when OPENAI_API_KEY is set.
 */
export function createInterviewDeps(input: {
  config: Config;
  orm: Orm;
  redis?: Redis | undefined;
  logger?: Logger | undefined;
  jobs: JobQueue;
  events: RealtimeEmitter;
  signals: TurnSignals;
  /** counts model calls and tokens (llm_calls_total, llm_tokens_total) */
  metrics?: Pick<Metrics, 'llmCalls' | 'llmTokens'> | undefined;
}): InterviewDeps {
  const { config, orm, redis, jobs, events, signals } = input;
  const sessions = redis ? redisSessionStore(redis) : memorySessionStore();
  const builtin = createBuiltinEvaluator();
  const template = createTemplateVoice();
  const extractive = createExtractiveSummarizer();
  const baseUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const billing = config.billing && {
    trialDays: config.billing.trialDays,
    pastDueGraceDays: config.billing.pastDueGraceDays,
  };
  const pace = config.answerCharsPerSecond;
  const answerPace = pace === 0 ? unpaced : redis ? redisAnswerPace(redis, pace) : memoryAnswerPace(pace);
  const base = { orm, sessions, jobs, events, signals, baseUrl, billing, answerPace };
  if (!config.openai) return { ...base, evaluator: builtin, voice: template, summarizer: extractive };

  const client = createOpenAiClient(config.openai);
  const model = config.openai.model;
  const voice = createLlmVoice({ client, model, fallback: template, deadlineMs: VOICE_DEADLINE_MS });
  return {
    ...base,
    evaluator: createLlmEvaluator({ client, model, fallback: builtin, logger: input.logger }),
    voice,
    // extractive even here: the model reads the summary only, and a model summary costs tokens
    summarizer: extractive,
    model: createTurnModel({
      client,
      openai: config.openai,
      builtin,
      voice,
      logger: input.logger,
      metrics: input.metrics,
    }),
  };
}
