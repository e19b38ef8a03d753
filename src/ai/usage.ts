import type { LlmFailureReason } from './chat.ts';

/**
 * What model calls cost, as the provider reports it: every call is recorded per interview
 * (src/interview/turn/llm-usage.ts) and counted in the metrics. `cachedTokens` is the part of
 * `promptTokens` the provider served from its prompt cache (OpenAI: prompt_tokens_details).
 */
export interface LlmUsage {
  promptTokens: number;
  cachedTokens: number;
  completionTokens: number;
}

/** Why a call was made: to word the greeting, to evaluate and word a turn, or to word a reply alone. */
export type LlmPurpose = 'greeting' | 'turn' | 'reply';

/** One model call, its retries included. */
export interface LlmCall {
  purpose: LlmPurpose;
  model: string;
  usage: LlmUsage;
  /** HTTP attempts made (1 without retries) */
  attempts: number;
  /** `ok`, or why the call's result was not used */
  outcome: 'ok' | LlmFailureReason;
}

export const NO_USAGE: LlmUsage = { promptTokens: 0, cachedTokens: 0, completionTokens: 0 };

/** The usage block of a chat completion (or its last streamed chunk), zero when absent. */
export function usageOf(
  raw:
    | {
        prompt_tokens?: number;
        completion_tokens?: number;
        prompt_tokens_details?: { cached_tokens?: number } | null;
      }
    | null
    | undefined,
): LlmUsage {
  if (!raw) return NO_USAGE;
  return {
    promptTokens: raw.prompt_tokens ?? 0,
    cachedTokens: raw.prompt_tokens_details?.cached_tokens ?? 0,
    completionTokens: raw.completion_tokens ?? 0,
  };
}

export function addUsage(a: LlmUsage, b: LlmUsage): LlmUsage {
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    cachedTokens: a.cachedTokens + b.cachedTokens,
    completionTokens: a.completionTokens + b.completionTokens,
  };
}
