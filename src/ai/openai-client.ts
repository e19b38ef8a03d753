import OpenAI from 'openai';
import type { Config } from '../config/index.ts';

export type OpenAiConfig = NonNullable<Config['openai']>;

/**
 * The OpenAI SDK client, configured only from config.openai: per-attempt timeout and retry count
 * bound how long an LLM step can hold up an interview before its built-in fallback takes over.
 * `baseURL: null` (not undefined) keeps the SDK from reading the environment itself, so the
 * config module stays the only reader of process.env; any OpenAI-compatible server works.
 */
export function createOpenAiClient(cfg: OpenAiConfig): OpenAI {
  return new OpenAI({
    apiKey: cfg.apiKey,
    baseURL: cfg.baseUrl ?? null,
    organization: null,
    project: null,
    timeout: cfg.timeoutMs,
    maxRetries: cfg.maxRetries,
  });
}
