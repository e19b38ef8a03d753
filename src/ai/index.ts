/**
 * The LLM and its stand-ins: the OpenAI client, JSON chat with failures named, versioned prompts,
 * delimiters that keep candidate text data, and the interviewer voice and summarizer ports with
 * their template, extractive and LLM adapters.
 */
export { chatJson, LlmFailure, toLlmFailure } from './chat.ts';
export { delimit, neutralizeDelimiters } from './delimit.ts';
export { createExtractiveSummarizer } from './extractive-summarizer.ts';
export { createLlmSummarizer } from './llm-summarizer.ts';
export { createLlmVoice } from './llm-voice.ts';
export { createOpenAiClient } from './openai-client.ts';
export { loadPrompt, type PromptTemplate } from './prompts.ts';
export { trimSummary } from './summary-text.ts';
export { createTemplateVoice } from './template-voice.ts';
export type { Exchange, InterviewerVoice, ReplyContext, Summarizer } from './types.ts';
