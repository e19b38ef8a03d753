import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLlmVoice, NAME_TOKEN } from '../../src/ai/llm-voice.ts';
import { composeFromTemplate, createTemplateVoice } from '../../src/ai/template-voice.ts';
import type { ReplyContext } from '../../src/ai/types.ts';
import { type StandIn, startStandIn } from '../helpers/openai-stand-in.ts';

/** The LLM interviewer voice against the local chat-completions stand-in. */

let api: StandIn;
beforeAll(async () => {
  api = await startStandIn();
});
afterAll(async () => {
  await api.close();
});
beforeEach(() => {
  api.requests.length = 0;
});

const ctx: ReplyContext = {
  kind: 'question',
  company: 'Acme',
  roleTitle: 'Backend Engineer',
  candidateFirstName: 'Grace',
  phase: 'technical',
  questionText: 'How would you keep a cache consistent with its database?',
  turn: 3,
  totalTurns: 8,
};

const voice = (options: { timeout?: number; maxRetries?: number } = {}) =>
  createLlmVoice({ client: api.client(options), model: 'gpt-test-mini', fallback: createTemplateVoice() });

describe('LLM voice', () => {
  it("uses the model's reply", async () => {
    const reply = 'Thanks! Next up: how would you keep a cache consistent with its database?';
    api.reply(() => ({ content: reply }));
    expect(await voice().compose(ctx)).toBe(reply);

    const body = api.requests[0]!.body;
    expect(body.messages[0].role).toBe('system');
    expect(body.messages[0].content).toContain('Backend Engineer role at Acme');
    expect(body.messages[1]).toEqual({
      role: 'user',
      content: `<interviewer_draft>\n${composeFromTemplate(ctx)}\n</interviewer_draft>`,
    });
  });

  it('keeps the first name away from the model and puts it back', async () => {
    api.reply(() => ({
      content: `Hi ${NAME_TOKEN}, lovely to meet you. This interview for Backend Engineer at Acme is run and scored by an AI.`,
    }));
    const text = await voice().compose({ ...ctx, kind: 'greeting', phase: 'intro', turn: 0 });
    expect(text.startsWith('Hi Grace, lovely')).toBe(true);
    expect(api.requests[0]!.raw).not.toContain('Grace');
    expect(api.requests[0]!.raw).toContain(NAME_TOKEN);
  });

  it.each([
    ['an HTTP error', { status: 500 }],
    ['an empty reply', { content: '   ' }],
    ['a reply over 600 characters', { content: `Thanks. ${'Tell me more. '.repeat(50)}` }],
    [
      'a reply that adds a question',
      { content: 'How are you today? How would you keep a cache consistent with its database?' },
    ],
    ['a refusal', { content: null, refusal: 'No.' }],
  ])('falls back to the template on %s', async (_, reply) => {
    api.reply(() => reply);
    const text = await voice().compose(ctx);
    expect(text).toBe(composeFromTemplate(ctx));
  });

  it('falls back on a timeout, with the name in place', async () => {
    api.reply(() => ({ delayMs: 3_000, content: 'late' }));
    const started = Date.now();
    const greeting = { ...ctx, kind: 'greeting' as const, phase: 'intro' as const, turn: 0 };
    const text = await voice({ timeout: 200 }).compose(greeting);
    expect(Date.now() - started).toBeLessThan(900);
    expect(text).toBe(composeFromTemplate(greeting));
    expect(text).toContain('Hi Grace');
  });
});
