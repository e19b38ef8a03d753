import { describe, expect, it } from 'vitest';
import { createExtractiveSummarizer, exchangeLine } from '../../src/ai/extractive-summarizer.ts';
import { appendToSummary, OMITTED_LINE } from '../../src/ai/summary-text.ts';
import type { Exchange, Summarizer } from '../../src/ai/types.ts';
import { buildContext, estimateTokens, exchangeTokens } from '../../src/interview/conversation/context.ts';

/** The conversation manager with the deterministic extractive summarizer. */

const exchanges: Exchange[] = Array.from({ length: 12 }, (_, i) => ({
  turn: i + 1,
  questionText: `Question ${i + 1}: tell me about the system you built in project ${i + 1}. Be specific.`,
  answer: `In project ${i + 1} I built an ingestion service handling ${(i + 1) * 100} requests per second. ${'It used queues and idempotent writes. '.repeat(6)}`,
}));

/** The extractive summarizer, recording what it was asked to fold. */
function spy(): Summarizer & { calls: { turns: number[]; previous: string | undefined }[] } {
  const inner = createExtractiveSummarizer();
  const calls: { turns: number[]; previous: string | undefined }[] = [];
  return {
    name: 'spy',
    calls,
    async summarize(xs, previous) {
      calls.push({ turns: xs.map((x) => x.turn), previous });
      return inner.summarize(xs, previous);
    },
  };
}

const tokensOf = (summary: string | undefined, recent: Exchange[]) =>
  estimateTokens(summary) + recent.reduce((n, e) => n + exchangeTokens(e), 0);

describe('conversation manager', () => {
  it('estimates tokens as characters / 4, rounded up', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
  });

  it('keeps everything verbatim, without summarising, when it fits', async () => {
    const summarizer = spy();
    const ctx = await buildContext({ exchanges: exchanges.slice(0, 3), budgetTokens: 10_000, summarizer });
    expect(ctx.summary).toBeUndefined();
    expect(ctx.recent).toEqual(exchanges.slice(0, 3));
    expect(ctx.tokens).toBe(tokensOf(undefined, exchanges.slice(0, 3)));
    expect(summarizer.calls).toHaveLength(0);
  });

  it('folds the oldest exchanges into a summary and respects the budget', async () => {
    const budget = 1_000;
    const summarizer = spy();
    const ctx = await buildContext({ exchanges, budgetTokens: budget, summarizer });
    expect(ctx.tokens).toBeLessThanOrEqual(budget);
    expect(ctx.tokens).toBe(tokensOf(ctx.summary, ctx.recent));
    expect(ctx.recent.length).toBeGreaterThan(0);
    expect(ctx.recent.at(-1)).toEqual(exchanges.at(-1)); // the newest stays verbatim
    const folded = exchanges.length - ctx.recent.length;
    expect(ctx.summaryThroughTurn).toBe(folded);
    expect(summarizer.calls).toEqual([
      { turns: exchanges.slice(0, folded).map((e) => e.turn), previous: undefined },
    ]);
    expect(ctx.summary).toContain('T1: Question 1: tell me about the system you built in project 1.');
    expect(ctx.summary).toContain(
      'In project 1 I built an ingestion service handling 100 requests per second.',
    );
  });

  it('extends a stored summary with newer exchanges only, never recomputing it', async () => {
    const budget = 1_000;
    const first = await buildContext({
      exchanges: exchanges.slice(0, 10),
      budgetTokens: budget,
      summarizer: spy(),
    });
    const stored = { text: first.summary!, throughTurn: first.summaryThroughTurn! };

    const summarizer = spy();
    const next = await buildContext({ exchanges, budgetTokens: budget, summarizer, stored });
    expect(next.tokens).toBeLessThanOrEqual(budget);
    expect(summarizer.calls).toHaveLength(1);
    expect(summarizer.calls[0]!.previous).toBe(stored.text);
    expect(Math.min(...summarizer.calls[0]!.turns)).toBe(stored.throughTurn + 1);
    expect(next.summary!.startsWith(stored.text)).toBe(true);
    expect(next.summaryThroughTurn).toBe(exchanges.length - next.recent.length);
  });

  it('passes a stored summary through untouched while the newer exchanges fit', async () => {
    const stored = { text: 'T1: intro - built APIs.', throughTurn: 1 };
    const summarizer = spy();
    const ctx = await buildContext({
      exchanges: exchanges.slice(0, 3),
      budgetTokens: 10_000,
      summarizer,
      stored,
    });
    expect(ctx.summary).toBe(stored.text);
    expect(ctx.recent.map((e) => e.turn)).toEqual([2, 3]);
    expect(summarizer.calls).toHaveLength(0);
  });

  it('drops the oldest summary lines once the summary outgrows its share', async () => {
    const long = Array.from({ length: 60 }, (_, i) => ({ ...exchanges[i % 12]!, turn: i + 1 }));
    let stored: { text: string; throughTurn: number } | undefined;
    for (let n = 5; n <= long.length; n += 5) {
      const ctx = await buildContext({
        exchanges: long.slice(0, n),
        budgetTokens: 800,
        summarizer: spy(),
        stored,
      });
      expect(ctx.tokens).toBeLessThanOrEqual(800);
      if (ctx.summary) stored = { text: ctx.summary, throughTurn: ctx.summaryThroughTurn! };
    }
    expect(stored!.text.startsWith(`${OMITTED_LINE}\nT`)).toBe(true);
    expect(stored!.text).toContain(`T${stored!.throughTurn}: `); // the newest folded turn is kept
  });

  it('is deterministic', async () => {
    const a = await buildContext({ exchanges, budgetTokens: 350, summarizer: createExtractiveSummarizer() });
    const b = await buildContext({ exchanges, budgetTokens: 350, summarizer: createExtractiveSummarizer() });
    expect(a).toEqual(b);
  });

  it('respects tiny budgets by folding everything and cutting the summary', async () => {
    for (const budget of [1, 10, 50, 120]) {
      const ctx = await buildContext({
        exchanges,
        budgetTokens: budget,
        summarizer: createExtractiveSummarizer(),
      });
      expect(ctx.tokens).toBeLessThanOrEqual(budget);
      expect(ctx.tokens).toBe(tokensOf(ctx.summary, ctx.recent));
    }
    await expect(buildContext({ exchanges, budgetTokens: 0, summarizer: spy() })).rejects.toThrow(RangeError);
  });
});

describe('extractive summarizer', () => {
  it('writes one capped line per exchange: question gist and the first sentence of the answer', () => {
    const line = exchangeLine({
      turn: 4,
      questionText: 'Why? Explain.',
      answer: `${'word '.repeat(80)}. Second.`,
    });
    expect(line.startsWith('T4: Why? - word word')).toBe(true);
    expect(line.length).toBeLessThan(260);
    expect(exchangeLine({ turn: 1, questionText: 'Q.', answer: '  ' })).toBe('T1: Q. - (no answer)');
  });

  it('appends to the previous summary and drops the oldest lines past the cap', () => {
    expect(appendToSummary('T1: a - b', ['T2: c - d'], 100)).toBe('T1: a - b\nT2: c - d');
    const capped = appendToSummary('T1: aaaaaaaaaa\nT2: bbbbbbbbbb', ['T3: cccccccccc'], 40);
    expect(capped).toBe(`${OMITTED_LINE}\nT3: cccccccccc`);
    expect(appendToSummary(capped, ['T4: d'], 45)).toBe(`${OMITTED_LINE}\nT3: cccccccccc\nT4: d`);
  });
});
