import { afterEach, describe, expect, it, vi } from 'vitest';
import { LlmFailure, retryAfterMs } from '../../src/ai/chat.ts';
import { leadingStringField } from '../../src/ai/json-field-stream.ts';
import { NAME_TOKEN, nameStream } from '../../src/ai/name-token.ts';
import { withRetries } from '../../src/ai/retry.ts';

/** The pieces LLM mode's one call per turn is built from: streamed fields, names, retries. */

describe('the reply read from a streamed JSON object', () => {
  const read = (json: string, size: number) => {
    const out: string[] = [];
    const field = leadingStringField('reply', (t) => out.push(t));
    for (let i = 0; i < json.length; i += size) field.push(json.slice(i, i + size));
    return { text: out.join(''), pieces: out.length, complete: field.complete };
  };

  it.each([1, 2, 3, 7])('in pieces of %i characters, escapes and surrogate pairs decoded', (size) => {
    const reply = 'Thanks, "Ada". Next:\n\\ é 😀 How would you shard it?';
    const json = JSON.stringify({ reply, redFlags: [] }, null, 2);
    expect(read(json, size)).toMatchObject({ text: reply, complete: true });
    expect(read('{"reply":"\\ud83d\\ude00 ok"}', size).text).toBe('😀 ok');
  });

  it('nothing when the object opens with another property', () => {
    expect(read('{"redFlags":[],"reply":"Hi"}', 4)).toEqual({ text: '', pieces: 0, complete: false });
  });
});

describe('the first name put back in a stream', () => {
  it('never shows the token half replaced', () => {
    const shown: string[] = [];
    const names = nameStream('Ada', (t) => shown.push(t));
    for (const piece of ['Thank you, [[fir', 'st_na', 'me]]. Bye [', '[']) names.push(piece);
    names.flush();
    expect(shown.join('')).toBe('Thank you, Ada. Bye [[');
    expect(shown.some((s) => s.includes('[[fir'))).toBe(false);
    expect(shown.join('')).not.toContain(NAME_TOKEN);
  });
});

describe('retries within a budget', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('Retry-After is read in milliseconds, seconds or as a date', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250' }))).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }))).toBe(2000);
    expect(
      retryAfterMs(new Headers({ 'retry-after': new Date(Date.now() + 60_000).toUTCString() })),
    ).toBeGreaterThan(50_000);
    expect(retryAfterMs(new Headers())).toBeUndefined();
  });

  it('waits exactly what a 429 asks before the next attempt', async () => {
    vi.useFakeTimers();
    const attempts: number[] = [];
    const run = withRetries(
      { deadline: Date.now() + 10_000, maxRetries: 2, attemptTimeoutMs: 1_000 },
      async (n) => {
        attempts.push(n);
        if (n === 1) throw new LlmFailure('http_429', 'slow down', { retryAfterMs: 3_000 });
        return 'ok';
      },
    );
    await vi.advanceTimersByTimeAsync(2_999);
    expect(attempts).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1);
    await expect(run).resolves.toBe('ok');
    expect(attempts).toEqual([1, 2]);
  });

  it('gives up at once when the wait would end past the deadline, and never retries a 400', async () => {
    const budget = { deadline: Date.now() + 2_000, maxRetries: 5, attemptTimeoutMs: 1_000 };
    let n = 0;
    const late = withRetries(budget, async () => {
      n++;
      throw new LlmFailure('http_429', 'later', { retryAfterMs: 60_000 });
    });
    await expect(late).rejects.toMatchObject({ reason: 'http_429' });
    expect(n).toBe(1);
    const bad = withRetries(budget, async () => {
      n++;
      throw new LlmFailure('http_400', 'bad request');
    });
    await expect(bad).rejects.toMatchObject({ reason: 'http_400' });
    expect(n).toBe(2);
  });

  it('gives each attempt what is left of the budget at most', async () => {
    vi.useFakeTimers();
    const timeouts: number[] = [];
    const run = withRetries(
      { deadline: Date.now() + 1_500, maxRetries: 3, attemptTimeoutMs: 1_000 },
      async (_, t) => {
        timeouts.push(t);
        await new Promise((r) => setTimeout(r, t));
        throw new LlmFailure('timeout', 'no answer');
      },
    );
    const settled = expect(run).rejects.toMatchObject({ reason: 'timeout' });
    await vi.advanceTimersByTimeAsync(5_000);
    await settled;
    expect(timeouts[0]).toBe(1_000);
    expect(timeouts.slice(1).every((t) => t <= 500)).toBe(true);
  });
});
