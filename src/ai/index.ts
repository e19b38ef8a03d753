/**
 * The LLM and its stand-ins: the OpenAI client, JSON chat with failures named, streamed calls
 * with retries inside a budget, versioned prompts, delimiters that keep candidate text data, and
 * the interviewer voice and summarizer ports with their template, extractive and LLM adapters.
 */
export { chatJson, type JsonSchemaFormat, LlmFailure, toLlmFailure } from './chat.ts';
export { type StreamedCompletion, streamChat } from './chat-stream.ts';
export { delimit, neutralizeDelimiters } from './delimit.ts';
export { createExtractiveSummarizer } from './extractive-summarizer.ts';
export { leadingStringField } from './json-field-stream.ts';
export { createLlmSummarizer } from './llm-summarizer.ts';
export { createLlmVoice, replyKindLabel } from './llm-voice.ts';
export { NAME_TOKEN, nameStream, withName } from './name-token.ts';
export { createOpenAiClient } from './openai-client.ts';
export { loadPrompt, type PromptTemplate } from './prompts.ts';
export { checkReply, MAX_REPLY_CHARS } from './reply-check.ts';
export { type RetryBudget, withRetries } from './retry.ts';
export { trimSummary } from './summary-text.ts';
export { composeFromTemplate, createTemplateVoice } from './template-voice.ts';
export type { Exchange, InterviewerVoice, ReplyContext, ReplyHooks, Summarizer } from './types.ts';
export { addUsage, type LlmCall, type LlmPurpose, type LlmUsage, NO_USAGE, usageOf } from './usage.ts';
